package realtime_test

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
)

// TestQueuedFramesReachTheClientAsSingleFrames reads the server's bytes
// off the socket: events published while the client is not reading (so
// the writer sends them in batches) arrive in order, each as exactly one
// final, unmasked text frame with the right length encoding (7-bit,
// 16-bit and 64-bit) and the payload unchanged.
func TestQueuedFramesReachTheClientAsSingleFrames(t *testing.T) {
	hub := newTestHub(t)
	joined := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		joined <- struct{}{}
		hub.Serve(w, r, realtime.Identity{CodelabID: "c", ID: "a1", Name: "Ann"}, 0, quiet{})
	}))
	defer srv.Close()

	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("handshake: %v %v", resp, err)
	}
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	readFrame := func() []byte {
		t.Helper()
		var h [2]byte
		if _, err := io.ReadFull(br, h[:]); err != nil {
			t.Fatal(err)
		}
		if h[0] != 0x81 || h[1]&0x80 != 0 {
			t.Fatalf("header %#x %#x: want a final unmasked text frame", h[0], h[1])
		}
		n := uint64(h[1])
		switch n {
		case 126:
			var b [2]byte
			io.ReadFull(br, b[:])
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			io.ReadFull(br, b[:])
			n = binary.BigEndian.Uint64(b[:])
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(br, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if got := string(readFrame()); !strings.Contains(got, `"type":"ready"`) {
		t.Fatalf("first frame %q, want ready", got)
	}
	<-joined
	pads := []int{0, 100, 125, 126, 500, 65535, 65536, 70000}
	var want []string
	for i := range 200 {
		pad := strings.Repeat("x", pads[i%len(pads)])
		payload := fmt.Sprintf(`{"type":"chat","seq":%d,"text":"%s"}`, i+1, pad)
		want = append(want, payload)
		hub.Publish(realtime.Event{CodelabID: "c", Seq: int64(i + 1), ActorID: "a2", Frame: []byte(payload)})
	}
	for i, w := range want {
		if got := string(readFrame()); got != w {
			t.Fatalf("frame %d: got %d bytes %.40q…, want %d bytes %.40q…", i, len(got), got, len(w), w)
		}
	}
}

// TestPeerPingsDoNotSplitFrames: a client that pings while large frames
// stream to it gets every pong and every frame intact. Gorilla answers the
// ping from the reader goroutine while the writer sends raw batches; this
// holds because a net.Conn write (and a writev) is one call under the
// socket's write lock, so the pong lands between frames, never inside one.
func TestPeerPingsDoNotSplitFrames(t *testing.T) {
	hub := newTestHub(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hub.Serve(w, r, realtime.Identity{CodelabID: "c", ID: "a1", Name: "Ann"}, 0, quiet{})
	}))
	defer srv.Close()
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, data, err := conn.ReadMessage(); err != nil || !strings.Contains(string(data), `"type":"ready"`) {
		t.Fatalf("first frame %q %v, want ready", data, err)
	}
	const frames, pings = 300, 200
	pongs := 0
	conn.SetPongHandler(func(string) error { pongs++; return nil })
	go func() {
		for i := range pings {
			if conn.WriteControl(websocket.PingMessage, []byte(fmt.Sprintf("p%d", i)), time.Now().Add(5*time.Second)) != nil {
				return
			}
		}
	}()
	pad := strings.Repeat("x", 60000)
	go func() {
		for i := range frames {
			hub.Publish(realtime.Event{CodelabID: "c", Seq: int64(i + 1), ActorID: "a2",
				Frame: []byte(fmt.Sprintf(`{"type":"chat","seq":%d,"text":"%s"}`, i+1, pad))})
		}
	}()
	for i := range frames {
		_, data, err := conn.ReadMessage()
		if err != nil {
			t.Fatalf("frame %d: %v (pongs so far %d)", i, err, pongs)
		}
		if want := fmt.Sprintf(`{"type":"chat","seq":%d,"text":"%s"}`, i+1, pad); string(data) != want {
			t.Fatalf("frame %d: %d bytes, want %d", i, len(data), len(want))
		}
	}
	// The pongs answer pings sent before the last frames were queued or
	// after; one more round trip flushes them: a ping is answered in order.
	for pongs < pings {
		hub.Publish(realtime.Event{CodelabID: "c", Seq: int64(frames + 1 + pongs), ActorID: "a2", Frame: []byte(`{"type":"tick"}`)})
		if _, _, err := conn.ReadMessage(); err != nil {
			t.Fatalf("after frames: %v (pongs %d of %d)", err, pongs, pings)
		}
	}
}
