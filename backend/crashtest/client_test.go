package crashtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// frame is what a client sends: chat or progress, each with its own cid.
type frame struct {
	CID  string `json:"cid"`
	Type string `json:"type"`
	Text string `json:"text,omitempty"`
	Step int    `json:"step,omitempty"`
}

// wsEvent is the part of a server frame the test reads.
type wsEvent struct {
	Type     string `json:"type"`
	Seq      int64  `json:"seq"`
	CID      string `json:"cid"`
	Code     string `json:"code"`
	Text     string `json:"text"`
	Attendee struct {
		ID string `json:"id"`
	} `json:"attendee"`
	From struct {
		ID string `json:"id"`
	} `json:"from"`
	To struct {
		ID string `json:"id"`
	} `json:"to"`
}

// attendeeClient is one attendee's browser tab, across connections. All
// fields after mu are guarded by it.
type attendeeClient struct {
	id, name, token string
	script          []frame // everything this attendee will send, in order

	mu      sync.Mutex
	conn    *websocket.Conn
	next    int              // script index of the next frame to send
	acked   map[string]int64 // cid → seq from the ack
	ackedAt map[string]int   // cid → connection number that got the ack
	seen    map[int64]int    // seq → how many times an event with it arrived
	seenIn  map[int64]int    // seq → connection number it arrived on
	lastSeq int64            // highest seq seen: the reconnect's since
	errors  []string         // error frames
	ready   chan struct{}    // closed on this connection's ready frame
	gone    chan struct{}    // closed when this connection's reader ends
	notify  chan struct{}    // a frame arrived (capacity 1)
	connNo  int              // 1 before the crash, 2 after
	readyAt map[int]int64    // connection number → ready frame's seq
}

func newClient(id, name, token string, script []frame) *attendeeClient {
	return &attendeeClient{id: id, name: name, token: token, script: script,
		acked: map[string]int64{}, ackedAt: map[string]int{}, seen: map[int64]int{}, seenIn: map[int64]int{},
		notify: make(chan struct{}, 1), readyAt: map[int]int64{}}
}

// connect opens a socket with since = the last seq seen and starts its
// reader; onAck is called (outside the lock) for each ack.
func (c *attendeeClient) connect(t *testing.T, base string, onAck func()) {
	t.Helper()
	c.mu.Lock()
	since := c.lastSeq
	c.connNo++
	c.ready, c.gone = make(chan struct{}), make(chan struct{})
	c.mu.Unlock()
	u := strings.Replace(base, "http://", "ws://", 1) + "/ws?token=" + url.QueryEscape(c.token) + fmt.Sprintf("&since=%d", since)
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	conn, resp, err := d.Dial(u, nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("%s: dial with since=%d: %v (HTTP %d)", c.name, since, err, status)
	}
	c.mu.Lock()
	c.conn = conn
	ready, gone, connNo := c.ready, c.gone, c.connNo
	c.mu.Unlock()
	go c.read(conn, connNo, ready, gone, onAck)
}

func (c *attendeeClient) read(conn *websocket.Conn, connNo int, ready, gone chan struct{}, onAck func()) {
	defer close(gone)
	readyClosed := false
	defer func() {
		if !readyClosed {
			close(ready)
		}
	}()
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var ev wsEvent
		if err := json.Unmarshal(data, &ev); err != nil {
			c.mu.Lock()
			c.errors = append(c.errors, fmt.Sprintf("undecodable frame %q", data))
			c.mu.Unlock()
			continue
		}
		acked := false
		c.mu.Lock()
		switch ev.Type {
		case "ack":
			if old, ok := c.acked[ev.CID]; ok && old != ev.Seq {
				c.errors = append(c.errors, fmt.Sprintf("cid %s acked with seq %d, earlier %d", ev.CID, ev.Seq, old))
			}
			c.acked[ev.CID], c.ackedAt[ev.CID] = ev.Seq, connNo
			acked = true
		case "ready":
			c.readyAt[connNo] = ev.Seq
			if !readyClosed {
				readyClosed = true
				close(ready)
			}
		case "error":
			c.errors = append(c.errors, fmt.Sprintf("error frame %s for cid %q", ev.Code, ev.CID))
		case "presence", "pong", "help_position":
		default:
			if ev.Seq > 0 {
				c.seen[ev.Seq]++
				c.seenIn[ev.Seq] = connNo
				c.lastSeq = max(c.lastSeq, ev.Seq)
			}
		}
		c.mu.Unlock()
		if acked && onAck != nil {
			onAck()
		}
		select {
		case c.notify <- struct{}{}:
		default:
		}
	}
}

// sendNext writes the next frame of the script; false when the script is
// done or the write failed (the connection is gone).
func (c *attendeeClient) sendNext() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.next >= len(c.script) {
		return false
	}
	if err := c.write(c.script[c.next]); err != nil {
		return false
	}
	c.next++
	return true
}

// write sends f; the caller holds mu (the only writer of the connection).
func (c *attendeeClient) write(f frame) error {
	c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.conn.WriteJSON(f)
}

// waitUntil blocks until cond (called with mu held) is true, waking on
// each arriving frame, or fails the test at the deadline.
func (c *attendeeClient) waitUntil(t *testing.T, deadline time.Time, what string, cond func() bool) {
	t.Helper()
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-c.notify:
		case <-time.After(time.Until(deadline)):
			t.Fatalf("%s: %s not reached before the deadline", c.name, what)
		}
	}
}
