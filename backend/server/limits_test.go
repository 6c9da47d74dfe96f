package server

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// TestConnCapRefusesNPlusOne: with a cap of 3 connections per address,
// three connections from 127.0.0.1 are served and the fourth is answered
// 429 in the JSON error shape and closed.
func TestConnCapRefusesNPlusOne(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := limitConns(raw, ConnLimits{PerIP: 3, Loopback: 3}, slog.Default())
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	get := func(c net.Conn) *http.Response {
		t.Helper()
		c.SetDeadline(time.Now().Add(20 * time.Second)) // only against a hang
		if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	var conns []net.Conn
	for i := 0; i < 4; i++ {
		c, err := net.Dial("tcp", raw.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns[:3] {
		if res := get(c); res.StatusCode != 200 {
			t.Fatalf("connection %d: got %d, want 200", i+1, res.StatusCode)
		}
	}
	res := get(conns[3])
	body, _ := io.ReadAll(res.Body) // the server closes after the answer
	if res.StatusCode != 429 || !strings.Contains(string(body), `"code":"too_many_connections"`) {
		t.Fatalf("connection 4: got %d %s, want 429 too_many_connections", res.StatusCode, body)
	}
}

// TestConnCapCounts checks the bookkeeping with made-up addresses: caps
// per address, loopback uncapped, the LAN total, and slots given back.
func TestConnCapCounts(t *testing.T) {
	l := &limitListener{lim: ConnLimits{PerIP: 2, Total: 3}, log: slog.Default(), open: map[netip.Addr]int{}}
	a, b, c := netip.MustParseAddr("192.168.1.10"), netip.MustParseAddr("192.168.1.11"), netip.MustParseAddr("fe80::1")
	loop := netip.MustParseAddr("127.0.0.1")
	steps := []struct {
		ip   netip.Addr
		want bool
	}{{a, true}, {a, true}, {a, false}, {b, true}, {c, false}}
	for i, s := range steps {
		if got := l.admit(s.ip); got != s.want {
			t.Fatalf("step %d (%v): admitted %v, want %v", i, s.ip, got, s.want)
		}
	}
	for i := 0; i < 1000; i++ {
		if !l.admit(loop) {
			t.Fatalf("loopback connection %d refused; loopback is uncapped", i+1)
		}
	}
	l.done(a)
	if !l.admit(c) {
		t.Fatal("after a LAN connection closed, a new client was refused")
	}
	conn := &limitedConn{Conn: nopConn{}, release: func() { l.done(c) }}
	conn.Close()
	conn.Close()
	if l.open[c] != 0 || l.nonLoop != 2 {
		t.Fatalf("after a double Close: open[c]=%d, total=%d; want 0 and 2", l.open[c], l.nonLoop)
	}
}

type nopConn struct{ net.Conn }

func (nopConn) Close() error { return nil }
