package api_test

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
)

func TestChatAckIdempotentAndSpoof(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, ida := e.register("Ann")
	tb, _ := e.register("Ben")
	a, b := e.attendeeWS(ta, 0), e.attendeeWS(tb, 0)

	// The "from" a client sends is ignored: the token decides.
	a.send(map[string]any{"type": "chat", "cid": "c1", "text": "hi", "from": map[string]string{"id": "someone", "name": "Mallory"}})
	ack := a.waitFor("ack", func(m map[string]any) bool { return m["type"] == "ack" })
	if ack["cid"] != "c1" || seqOf(ack) != 1 {
		t.Fatalf("ack: got %v, want cid c1 seq 1", ack)
	}
	// Acked means committed: the row is there.
	var rows int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM events WHERE codelab_id = ? AND cid = 'c1'`, e.codelab).Scan(&rows)
	if rows != 1 {
		t.Errorf("rows after ack: got %d, want 1", rows)
	}
	ev := b.nextNot("presence")
	from, _ := ev["from"].(map[string]any)
	if ev["type"] != "chat" || ev["text"] != "hi" || seqOf(ev) != 1 || from["id"] != ida || from["name"] != "Ann" {
		t.Errorf("B got %v, want chat seq 1 from Ann (%s)", ev, ida)
	}
	if _, ok := ev["at"].(string); !ok {
		t.Errorf("event lacks at: %v", ev)
	}

	// Resending c1 acks the same seq, adds no row and broadcasts nothing.
	if seq := a.chat("c1", "hi"); seq != 1 {
		t.Errorf("resend ack: got seq %d, want 1", seq)
	}
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM events WHERE codelab_id = ?`, e.codelab).Scan(&rows)
	if rows != 1 {
		t.Errorf("rows after resend: got %d, want 1", rows)
	}
	a.chat("c2", "second")
	if ev := b.nextNot("presence"); ev["text"] != "second" || seqOf(ev) != 2 {
		t.Errorf("B after resend: got %v, want the second chat (seq 2), no duplicate", ev)
	}
}

// TestReplayExactlyOnce connects a client while another is sending and
// checks it sees every seq once, in order: replay and live join cleanly.
func TestReplayExactlyOnce(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{Rate: 1e6, Burst: 1e6}, nil)
	ta, _ := e.register("Ann")
	tb, _ := e.register("Ben")
	a := e.attendeeWS(ta, 0)
	for i := range 5 {
		a.chat(fmt.Sprint("pre", i), "x")
	}
	// since=2 replays 3..5 and then goes live.
	late := e.attendeeWS(tb, 2)
	const total = 60
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range total - 5 {
			a.send(map[string]any{"type": "chat", "cid": fmt.Sprint("live", i), "text": "y"})
		}
	}()
	// Connect B again mid-stream from 0: it must see 1..total exactly once.
	mid := e.dialRaw("/ws?token=" + tb + "&since=0")
	var got []int64
	for len(got) == 0 || got[len(got)-1] < total {
		m := mid.next()
		if s := seqOf(m); s > 0 && m["type"] == "chat" {
			got = append(got, s)
		}
	}
	wg.Wait()
	for i, s := range got {
		if s != int64(i+1) {
			t.Fatalf("mid-stream client: got seqs %v, want 1..%d each once", got, total)
		}
	}
	var fromLate []int64
	for len(fromLate) == 0 || fromLate[len(fromLate)-1] < total {
		if m := late.next(); m["type"] == "chat" {
			fromLate = append(fromLate, seqOf(m))
		}
	}
	if len(fromLate) != total-5 || fromLate[0] != 6 {
		t.Errorf("client connected with since=2 after replay: got %d live seqs starting %d, want %d from 6", len(fromLate), fromLate[0], total-5)
	}
}

func TestPresenceTwoTabs(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	admin := e.adminWS()
	ta, ida := e.register("Ann")
	tab1 := e.attendeeWS(ta, 0)
	p := admin.next()
	if p["type"] != "presence" || p["online"] != true || p["attendee"].(map[string]any)["id"] != ida {
		t.Fatalf("first tab: got %v, want presence online for %s", p, ida)
	}
	if _, ok := p["seq"]; ok {
		t.Errorf("presence has a seq: %v", p)
	}
	tab2 := e.attendeeWS(ta, 0)
	tab1.chat("c1", "one")
	if m := admin.next(); m["type"] != "chat" {
		t.Errorf("second tab: got %v, want no presence frame (next is the chat)", m)
	}
	tab2.c.Close()
	<-e.left
	tab1.chat("c2", "two")
	if m := admin.next(); m["type"] != "chat" {
		t.Errorf("closing one of two tabs: got %v, want no presence frame", m)
	}
	if status, m := e.do("GET", "/api/admin/codelabs/"+e.codelab+"/attendees", liveAdminToken, nil); status != 200 ||
		m["list"] == nil || !strings.Contains(string(mustJSON(m["list"])), `"online":true`) {
		t.Errorf("attendees list: got %d %v, want Ann online", status, m)
	}
	tab1.c.Close()
	if m := admin.next(); m["type"] != "presence" || m["online"] != false {
		t.Errorf("last tab closed: got %v, want presence offline", m)
	}
}

func TestSlowClientIsCut(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{QueueSize: 8, Rate: 1e6, Burst: 1e6, SocketWriteBuffer: 8 << 10}, nil)
	ts, _ := e.register("Slow")
	tr, _ := e.register("Reader")
	ta, _ := e.register("Sender")
	slow := e.dialSmallBuffer("/ws?token=" + ts)
	reader := e.attendeeWS(tr, 0)
	sender := e.attendeeWS(ta, 0)
	text := strings.Repeat("ü", 1900) // ~3.8 KB frames fill socket buffers fast
	const n = 150
	// The reader keeps up while the slow client reads nothing at all.
	readerDone := make(chan error, 1)
	go func() {
		count := 0
		for count < n {
			var m map[string]any
			reader.c.SetReadDeadline(time.Now().Add(10 * time.Second))
			if err := reader.c.ReadJSON(&m); err != nil {
				readerDone <- fmt.Errorf("reader after %d chats: %w", count, err)
				return
			}
			if m["type"] == "chat" {
				count++
			}
		}
		readerDone <- nil
	}()
	for i := range n {
		sender.chat(fmt.Sprint("c", i), text)
	}
	if err := <-readerDone; err != nil {
		t.Fatalf("%v, want all %d chats", err, n)
	}
	// The slow client, reading at last, finds a close frame with a reason.
	var last int64
	var closeErr *websocket.CloseError
	for {
		var m map[string]any
		slow.c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if err := slow.c.ReadJSON(&m); err != nil {
			if !errors.As(err, &closeErr) {
				t.Fatalf("slow client: got %v, want a close frame", err)
			}
			break
		}
		if s := seqOf(m); s > 0 {
			last = s
		}
	}
	if closeErr.Code != realtime.CloseSlowClient || closeErr.Text == "" {
		t.Errorf("close: got %d %q, want %d with a reason", closeErr.Code, closeErr.Text, realtime.CloseSlowClient)
	}
	if last >= n {
		t.Fatalf("slow client got everything (last seq %d); the test did not make it slow", last)
	}
	// It resumes by replay from its last seq and misses nothing.
	again := e.dialRaw("/ws?token=" + ts + "&since=" + itoa(last))
	want := last + 1
	for want <= n {
		m := again.next()
		if m["type"] != "chat" {
			continue
		}
		if seqOf(m) != want {
			t.Fatalf("resume: got seq %d, want %d", seqOf(m), want)
		}
		want++
	}
}

func TestLimits(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{Rate: 0.001, Burst: 3}, nil)
	ta, _ := e.register("Ann")
	a := e.attendeeWS(ta, 0)
	a.send(map[string]any{"type": "chat", "cid": "big", "text": strings.Repeat("x", 5000)})
	if m := a.next(); m["type"] != "error" || m["code"] != "message_too_large" {
		t.Errorf("5 KB frame: got %v, want error message_too_large", m)
	}
	a.send(map[string]any{"type": "ping"})
	if m := a.next(); m["type"] != "pong" {
		t.Errorf("ping after a too-large frame: got %v, want pong (connection stays up)", m)
	}
	a.chat("ok1", "fine")
	a.send(map[string]any{"type": "ping"})
	if m := a.next(); m["type"] != "pong" {
		t.Fatalf("third frame: got %v, want pong", m)
	}
	a.send(map[string]any{"type": "chat", "cid": "over", "text": "too many"})
	m := a.nextNot("chat")
	if m["type"] != "error" || m["code"] != "rate_limited" || m["cid"] != "over" {
		t.Errorf("fourth frame: got %v, want error rate_limited for cid over", m)
	}
	var rows int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM events WHERE cid = 'over'`).Scan(&rows)
	if rows != 0 {
		t.Errorf("rate-limited message: got %d rows, want 0", rows)
	}
}

func TestDefaultRateLimit(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	a := e.attendeeWS(ta, 0)
	// 100 pings written back to back cannot all fit in a 20-token bucket
	// refilled at 20/s unless writing them took 4 s.
	for range 100 {
		a.send(map[string]any{"type": "ping"})
	}
	limited := 0
	for range 100 {
		if m := a.next(); m["code"] == "rate_limited" {
			limited++
		}
	}
	if limited == 0 {
		t.Errorf("100 pings in a burst: got no rate_limited frames, want some")
	}
}

// dialSmallBuffer opens a WebSocket whose socket receive buffer is tiny,
// so a client that stops reading backs up the server quickly.
func (e *liveEnv) dialSmallBuffer(path string) *wsClient {
	e.t.Helper()
	d := websocket.Dialer{NetDial: func(network, addr string) (net.Conn, error) {
		c, err := net.Dial(network, addr)
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetReadBuffer(4096)
		}
		return c, err
	}}
	c, _, err := d.Dial(e.wsURL(path), nil)
	if err != nil {
		e.t.Fatalf("dial: %v", err)
	}
	e.t.Cleanup(func() { c.Close() })
	w := &wsClient{t: e.t, c: c}
	w.waitType("ready")
	return w
}
