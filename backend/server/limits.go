package server

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"time"
)

// ConnLimits caps open connections by client address, so one machine on
// the classroom network cannot use up the server's file descriptors.
// Zero fields mean no cap.
type ConnLimits struct {
	// PerIP caps connections from one non-loopback address. A browser uses
	// up to 6 HTTP connections plus a WebSocket per tab, so 256 leaves room
	// for a classroom behind one NAT address while stopping a flood.
	PerIP int
	// Loopback caps connections from this machine (the window, e2e and
	// load tests, which open thousands from 127.0.0.1): 0, no cap.
	Loopback int
	// Total caps all non-loopback connections together, keeping file
	// descriptors for the facilitator's window, the database and uploads
	// (set from the descriptor limit at start).
	Total int
}

// DefaultPerIP is ConnLimits.PerIP unless a test says otherwise.
const DefaultPerIP = 256

// fdReserve is how many descriptors Total leaves for everything else.
const fdReserve = 256

// connLimits are the caps of a real launch: DefaultPerIP per client,
// loopback uncapped, and all LAN clients together below the descriptor
// limit (raised to the hard limit first).
func connLimits(log *slog.Logger) ConnLimits {
	lim := ConnLimits{PerIP: DefaultPerIP}
	n, err := raiseFileLimit()
	if err != nil {
		log.Warn("could not raise the open-file limit", "limit", n, "err", err)
	}
	switch {
	case n > 2*fdReserve:
		lim.Total = int(min(n, 1<<20)) - fdReserve
	case n > 0:
		lim.Total = int(n / 2)
	}
	log.Info("connection limits", "open_files", n, "per_client", lim.PerIP, "lan_total", lim.Total)
	return lim
}

// limitListener refuses connections over the limits with a short JSON 429
// answer instead of a silent drop.
type limitListener struct {
	net.Listener
	lim ConnLimits
	log *slog.Logger

	mu      sync.Mutex
	open    map[netip.Addr]int
	nonLoop int
	warned  time.Time
}

func limitConns(ln net.Listener, lim ConnLimits, log *slog.Logger) net.Listener {
	if lim.PerIP <= 0 && lim.Loopback <= 0 && lim.Total <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, lim: lim, log: log, open: map[netip.Addr]int{}}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := remoteIP(c.RemoteAddr())
		if l.admit(ip) {
			return &limitedConn{Conn: c, release: func() { l.done(ip) }}, nil
		}
		go refuseConn(c)
	}
}

// admit counts a new connection from ip, or reports that it is over a cap.
func (l *limitListener) admit(ip netip.Addr) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	loop := ip.IsLoopback()
	limit := l.lim.PerIP
	if loop {
		limit = l.lim.Loopback
	}
	if limit > 0 && l.open[ip] >= limit || !loop && l.lim.Total > 0 && l.nonLoop >= l.lim.Total {
		if time.Since(l.warned) > time.Minute {
			l.warned = time.Now()
			l.log.Warn("refusing connections over the cap", "client", ip, "open_from_client", l.open[ip], "open_total", l.nonLoop)
		}
		return false
	}
	l.open[ip]++
	if !loop {
		l.nonLoop++
	}
	return true
}

func (l *limitListener) done(ip netip.Addr) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[ip]--; l.open[ip] <= 0 {
		delete(l.open, ip)
	}
	if !ip.IsLoopback() {
		l.nonLoop--
	}
}

func remoteIP(a net.Addr) netip.Addr {
	if ap, err := netip.ParseAddrPort(a.String()); err == nil {
		return ap.Addr().Unmap()
	}
	return netip.Addr{}
}

// limitedConn gives its slot back once, however often it is closed (the
// HTTP server and a hijacking WebSocket may both close it).
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}

const refusalBody = `{"error":{"code":"too_many_connections","message":"Too many open connections from your device; close some tabs and retry."}}`

var refusal = fmt.Sprintf("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\n"+
	"Connection: close\r\nRetry-After: 5\r\nContent-Length: %d\r\n\r\n%s", len(refusalBody), refusalBody)

// refusing bounds the refusals answered at once; beyond it a connection
// is closed without an answer (a flood must not cost a descriptor each
// for a second).
var refusing = make(chan struct{}, 64)

// refuseConn answers 429 and closes, spending at most a second on it. The
// request is read (up to 4 KB) first so the close does not reset the
// answer away.
func refuseConn(c net.Conn) {
	defer c.Close()
	select {
	case refusing <- struct{}{}:
		defer func() { <-refusing }()
	default:
		return
	}
	c.SetDeadline(time.Now().Add(time.Second))
	buf := make([]byte, 4096)
	_, _ = c.Read(buf) // the request, read so the client sees our answer rather than a reset
	_, _ = io.WriteString(c, refusal)
}
