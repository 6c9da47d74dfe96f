package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// clock holds the send times of this run's messages, indexed by the
// number in the message's text ("m17") or cid ("c17", "p17"), as
// nanoseconds since start (0 = not sent).
type clock struct {
	start  time.Time
	chatAt []atomic.Int64
	progAt []atomic.Int64
}

func (c *clock) now() int64 { return int64(time.Since(c.start)) }

// wsClient is one WebSocket. Only its reader goroutine touches the
// latency slices and the seen set until done is closed.
type wsClient struct {
	who   attendee
	admin bool
	conn  *websocket.Conn
	wmu   sync.Mutex // gorilla allows one writer at a time
	step  int        // current step, used by the progress sender only

	ready chan struct{}
	done  chan struct{}

	chatLat  []int32 // µs from send to receipt of each chat event
	ackLat   []int32 // µs from send to ack, chat messages this client sent
	progLat  []int32 // µs from send to ack, progress updates
	seen     []uint64
	received atomic.Int64 // distinct chat events of this run
	dups     int
	errCodes map[string]int
	isReady  atomic.Bool
	closing  atomic.Bool  // set before the harness closes it: not a drop
	dropped  atomic.Int64 // ns since start when the server dropped it, 0 if not
	dropWhy  string

	// Reconnection, as the real client does: when the server drops the
	// socket (a slow reader is cut), dial again with since = the last event
	// seen; the replay must complete delivery without duplicates.
	url        string
	dialer     *websocket.Dialer
	lastSeq    int64 // reader only
	reconnects int   // reader only; read after done

	// Frames with a cid not yet answered (ack or error), by cid. After a
	// redial they are sent again with the same cid, as the real client
	// does: a chat written to a socket the server had just cut never
	// arrived, and the server's cid check makes the re-send harmless if
	// it did.
	umu     sync.Mutex
	unacked map[string][]byte
}

// maxReconnects bounds the redials of one socket in one run.
const maxReconnects = 5

// dial opens a socket and starts its reader; call waitReady before use.
func dial(ctx context.Context, d *websocket.Dialer, u string, c *wsClient, clk *clock, msgs int) error {
	conn, resp, err := d.DialContext(ctx, u, nil)
	if err != nil {
		if resp != nil {
			return fmt.Errorf("dial %s: %w (HTTP %d)", c.who.Name, err, resp.StatusCode)
		}
		return fmt.Errorf("dial %s: %w", c.who.Name, err)
	}
	c.conn = conn
	c.url, c.dialer = u, d
	c.ready = make(chan struct{})
	c.done = make(chan struct{})
	c.seen = make([]uint64, (msgs+63)/64)
	c.errCodes = map[string]int{}
	go c.read(clk)
	return nil
}

func attendeeURL(base string, a attendee) string {
	return wsURL(base) + "/ws?token=" + url.QueryEscape(a.Token)
}

func adminURL(base, token, codelab string) string {
	return wsURL(base) + "/api/admin/ws?token=" + url.QueryEscape(token) + "&codelab=" + url.QueryEscape(codelab)
}

// read is the socket's only reader. It scans frames by hand: the type and
// the message number are all it needs, and two cores are shared with the
// server, so full JSON decoding of every frame would skew the figures.
func (c *wsClient) read(clk *clock) {
	defer close(c.done)
	readyClosed := false
	buf := bytes.NewBuffer(make([]byte, 0, 1024)) // reused: no garbage per frame
	for {
		data, err := c.next(buf)
		if err != nil && readyClosed && c.redial() {
			continue
		}
		if err != nil {
			if !c.closing.Load() {
				c.dropped.Store(max(clk.now(), 1))
				c.dropWhy = err.Error()
			}
			if !readyClosed {
				close(c.ready)
			}
			return
		}
		now := clk.now()
		typ := string(field(data, "type"))
		if typ != "ack" && typ != "error" {
			if seq, ok := seqField(data); ok && seq > c.lastSeq {
				c.lastSeq = seq
			}
		}
		switch typ {
		case "chat":
			n, ok := number(field(data, "text"), 'm')
			if !ok || n >= len(clk.chatAt) {
				continue
			}
			if c.seen[n/64]&(1<<(n%64)) != 0 {
				c.dups++
				continue
			}
			c.seen[n/64] |= 1 << (n % 64)
			c.received.Add(1)
			if at := clk.chatAt[n].Load(); at > 0 {
				c.chatLat = append(c.chatLat, int32((now-at)/1000))
			}
		case "ack":
			cid := field(data, "cid")
			c.answered(cid)
			if n, ok := number(cid, 'c'); ok && n < len(clk.chatAt) {
				c.ackLat = append(c.ackLat, int32((now-clk.chatAt[n].Load())/1000))
			} else if n, ok := number(cid, 'p'); ok && n < len(clk.progAt) {
				c.progLat = append(c.progLat, int32((now-clk.progAt[n].Load())/1000))
			}
		case "error":
			c.errCodes[string(field(data, "code"))]++
			c.answered(field(data, "cid"))
		case "ready":
			c.isReady.Store(true)
			if !readyClosed {
				readyClosed = true
				close(c.ready)
			}
		}
	}
}

// redial replaces a socket the server dropped (not one the harness is
// closing) by a new one resuming at lastSeq; false when it gives up.
func (c *wsClient) redial() bool {
	for c.reconnects < maxReconnects && !c.closing.Load() {
		c.reconnects++
		time.Sleep(time.Duration(c.reconnects) * 100 * time.Millisecond) // back off, as the browser does
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		conn, _, err := c.dialer.DialContext(ctx, c.url+"&since="+strconv.FormatInt(c.lastSeq, 10), nil)
		cancel()
		if err != nil {
			continue
		}
		c.wmu.Lock()
		old := c.conn
		c.conn = conn
		closing := c.closing.Load()
		c.wmu.Unlock()
		old.Close()
		if closing {
			conn.Close()
			return false
		}
		c.resend()
		return true
	}
	return false
}

// answered forgets a frame the server has answered.
func (c *wsClient) answered(cid []byte) {
	if len(cid) == 0 {
		return
	}
	c.umu.Lock()
	delete(c.unacked, string(cid))
	c.umu.Unlock()
}

// resend writes every unanswered frame again on the new socket; a
// failure is left to the next redial.
func (c *wsClient) resend() {
	c.umu.Lock()
	frames := make([][]byte, 0, len(c.unacked))
	for _, f := range c.unacked {
		frames = append(frames, f)
	}
	c.umu.Unlock()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	for _, f := range frames {
		c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if c.conn.WriteMessage(websocket.TextMessage, f) != nil {
			return
		}
	}
}

// seqField parses the number of the first "seq":N in a frame.
func seqField(data []byte) (int64, bool) {
	i := bytes.Index(data, []byte(`"seq":`))
	if i < 0 {
		return 0, false
	}
	rest := data[i+len(`"seq":`):]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	n, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	return n, err == nil
}

// next reads one message into buf and returns its bytes (valid until the
// next call).
func (c *wsClient) next(buf *bytes.Buffer) ([]byte, error) {
	_, r, err := c.conn.NextReader()
	if err != nil {
		return nil, err
	}
	buf.Reset()
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// field returns the raw string value of the first "key":"..." in a frame
// (nil if absent). The server's frames escape quotes inside strings, so a
// text cannot fake a key.
func field(data []byte, key string) []byte {
	pat := make([]byte, 0, len(key)+4)
	pat = append(append(append(pat, '"'), key...), `":"`...)
	i := bytes.Index(data, pat)
	if i < 0 {
		return nil
	}
	rest := data[i+len(pat):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return nil
	}
	return rest[:j]
}

// number parses "<prefix><digits>".
func number(b []byte, prefix byte) (int, bool) {
	if len(b) < 2 || b[0] != prefix {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[1:]))
	return n, err == nil && n >= 0
}

// send writes one frame under the client's write lock.
func (c *wsClient) send(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if cid := field(data, "cid"); len(cid) > 0 {
		c.umu.Lock()
		if c.unacked == nil {
			c.unacked = map[string][]byte{}
		}
		c.unacked[string(cid)] = data
		c.umu.Unlock()
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.conn.WriteMessage(websocket.TextMessage, data)
}

// close drops the connection (no close handshake: at the end of a run a
// thousand handshakes would only measure the server's goodbyes) and waits
// for the reader.
func (c *wsClient) close() {
	if c.url == "" { // never dialled
		return
	}
	c.closing.Store(true)
	c.wmu.Lock() // the reader may be swapping in a redialled socket
	conn := c.conn
	c.wmu.Unlock()
	conn.Close()
	<-c.done
}

// connectAll opens the sockets with a few dials in flight and waits for
// each one's ready frame.
func connectAll(ctx context.Context, clients []*wsClient, urls []string, clk *clock, msgs int, verbose bool) (int, []error) {
	d := &websocket.Dialer{HandshakeTimeout: 20 * time.Second, ReadBufferSize: 4096, WriteBufferSize: 1024}
	var mu sync.Mutex
	var errs []error
	var ok atomic.Int64
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := clients[i]
				err := dial(ctx, d, urls[i], c, clk, msgs)
				if err == nil {
					select {
					case <-c.ready:
						if c.dropped.Load() != 0 {
							err = fmt.Errorf("%s: dropped before ready: %s", c.who.Name, c.dropWhy)
						}
					case <-time.After(30 * time.Second):
						err = fmt.Errorf("%s: no ready frame within 30s", c.who.Name)
					case <-ctx.Done():
						err = ctx.Err()
					}
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					continue
				}
				if k := ok.Add(1); verbose && k%100 == 0 {
					fmt.Printf("   %d sockets ready\n", k)
				}
			}
		}()
	}
	for i := range clients {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return int(ok.Load()), errs
}
