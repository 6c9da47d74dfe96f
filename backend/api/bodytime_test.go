package api_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// slowServer is the real API on a loopback listener with short body
// timeouts: ordinary bodies get 300ms, transfers may pause 500ms and must
// average 1,000 bytes/s.
func slowServer(t *testing.T) string {
	t.Helper()
	a := api.New(api.Config{
		Store: storetest.New(t), Markdown: markdown.New(), AdminToken: adminToken, Version: "test",
		Assets:       fstest.MapFS{"index.html": {Data: []byte("app")}},
		BodyTimeouts: api.BodyTimeouts{Request: 300 * time.Millisecond, Idle: 500 * time.Millisecond, MinRate: 1000},
	})
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// rawRequest opens a connection, writes head and then body through send,
// and returns everything the server wrote until it closed the connection.
// The 20s deadline only keeps a broken server from hanging the test.
func rawRequest(t *testing.T, addr, head string, send func(c net.Conn)) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	go send(c)
	out, err := io.ReadAll(c) // until the server closes: EOF
	// A server that closes while the client is still sending makes the
	// kernel answer with a reset, which can arrive as the read's error after
	// the response itself: that is the close we wait for too.
	if errors.Is(err, syscall.ECONNRESET) && len(out) > 0 {
		err = nil
	}
	if err != nil {
		t.Fatalf("reading until the server closes the connection: %v (got %q)", err, out)
	}
	return string(out)
}

func status(t *testing.T, resp string) int {
	t.Helper()
	res, err := http.ReadResponse(bufio.NewReader(strings.NewReader(resp)), nil)
	if err != nil {
		t.Fatalf("response %q: %v", resp, err)
	}
	return res.StatusCode
}

func TestStalledBodyIsClosed(t *testing.T) {
	addr := slowServer(t)
	for _, tc := range []struct{ name, head string }{
		{"ordinary JSON body", "POST /api/codelabs/x/attendees HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"},
		{"upload", "POST /api/admin/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminToken +
			"\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n"},
		{"chunked body", "POST /api/codelabs/x/attendees HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n"},
	} {
		resp := rawRequest(t, addr, tc.head, func(net.Conn) {})
		if got := status(t, resp); got != http.StatusRequestTimeout || !strings.Contains(resp, `"code":"body_timeout"`) {
			t.Errorf("%s: got %d %q, want 408 body_timeout and the connection closed", tc.name, got, resp)
		}
	}
}

// TestTrickledUploadIsClosed: one byte every 50ms keeps an upload "moving"
// but far below the minimum rate; it is cut off.
func TestTrickledUploadIsClosed(t *testing.T) {
	addr := slowServer(t)
	head := "POST /api/admin/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminToken +
		"\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"
	resp := rawRequest(t, addr, head, func(c net.Conn) {
		for {
			if _, err := c.Write([]byte("x")); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond) // pacing the trickle, not synchronisation
		}
	})
	if got := status(t, resp); got != http.StatusRequestTimeout {
		t.Errorf("trickled upload: got %d %q, want 408", got, resp)
	}
}

// TestSlowMovingUploadSucceeds: an import that takes longer than both the
// ordinary body timeout and the idle time, but keeps sending above the
// minimum rate, goes through.
func TestSlowMovingUploadSucceeds(t *testing.T) {
	addr := slowServer(t)
	doc := claatDoc + strings.Repeat("More words for a longer file.\n", 200) // ~6 KB
	ct, body := form(t, "slow.md", []byte(doc))
	head := fmt.Sprintf("POST /api/admin/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", adminToken, ct, len(body))
	start := time.Now()
	resp := rawRequest(t, addr, head, func(c net.Conn) {
		for i := 0; i < len(body); i += 100 {
			if _, err := c.Write(body[i:min(i+100, len(body))]); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond) // ~5 KB/s: slow, but above 1,000 B/s
		}
	})
	if got := status(t, resp); got != http.StatusCreated {
		t.Fatalf("slow upload: got %d %q, want 201", got, resp)
	}
	if took := time.Since(start); took < 500*time.Millisecond {
		t.Fatalf("the upload took %v; it must outlast the idle time to prove anything", took)
	}
}
