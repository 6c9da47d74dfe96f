package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/config"
)

func testConfig(t *testing.T, addr string) config.Config {
	t.Helper()
	cfg, err := config.Parse([]string{"--no-mdns", "--addr", addr, "--data-dir", t.TempDir()},
		func(string) string { return "" }, true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func start(t *testing.T, cfg config.Config) *Server {
	t.Helper()
	s, err := Start(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
	})
	return s
}

func TestBusyPortMovesToNextFree(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	s := start(t, testConfig(t, busy.Addr().String()))
	if s.Port() == port || s.Port() < port || s.Port() > port+50 {
		t.Fatalf("got port %d, want a free one after busy %d", s.Port(), port)
	}
	urls := s.AttendeeURLs()
	if len(urls) != 1 || !strings.HasPrefix(urls[0], "http://127.0.0.1:") {
		t.Fatalf("got attendee URLs %v, want the one loopback URL", urls)
	}
	if !strings.Contains(s.AdminURL(), "/admin/#token="+s.AdminToken()) {
		t.Fatalf("got admin URL %q, want the token in the fragment", s.AdminURL())
	}
	resp, err := http.Get(s.APIBase() + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("got %d %s, want health ok", resp.StatusCode, body)
	}
}

func TestLoopbackServerReportsNoLAN(t *testing.T) {
	s := start(t, testConfig(t, "127.0.0.1:0"))
	info := s.joinInfo()
	if info.HasLAN || info.MDNSRunning || info.MDNSError != "" {
		t.Fatalf("got %+v, want no LAN, no mDNS and no mDNS error (mDNS is off)", info)
	}
}
