package api

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// hostCheck guards against DNS rebinding: a page on a foreign name that
// resolves to this laptop would otherwise talk to the server as its own
// origin. Only these Host values are answered:
//   - an empty Host (HTTP/1.0 clients; browsers always send one),
//   - "localhost" and loopback addresses,
//   - the workshop's NAME.local (the asked name and the one mDNS uses),
//   - addresses of this machine's interfaces (the LAN IPs it advertises),
//   - the names in Hosts.Extra (--allow-host).
//
// Anything else gets 421 Misdirected Request in the JSON error shape.
// The server always turns the check on (Config.Hosts); handler tests that
// use httptest's example.com leave it off.
type hostCheck struct {
	extra map[string]bool
	names func() []string // NAME.local values in use, asked for per request

	mu       sync.Mutex
	local    map[netip.Addr]bool
	loadedAt time.Time
	addrs    func() []netip.Addr
}

// localRefresh bounds how often an unknown IP literal re-reads the
// interface list (Wi-Fi may hand the laptop a new address mid-workshop).
const localRefresh = 2 * time.Second

func newHostCheck(extra []string, names func() []string, addrs func() []netip.Addr) *hostCheck {
	h := &hostCheck{extra: map[string]bool{}, names: names, addrs: addrs}
	for _, n := range extra {
		if n = normalHost(n); n != "" {
			h.extra[n] = true
		}
	}
	if h.addrs == nil {
		h.addrs = interfaceAddrs
	}
	return h
}

// normalHost lowercases host, drops a port and a trailing dot.
func normalHost(host string) string {
	host = strings.ToLower(strings.TrimSpace(host))
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(host, "]"), "["), ".")
	if i := strings.IndexByte(host, '%'); i >= 0 { // IPv6 zone
		host = host[:i]
	}
	return host
}

// allowed reports whether the Host header value may be answered.
func (h *hostCheck) allowed(hostHeader string) bool {
	host := normalHost(hostHeader)
	if host == "" || host == "localhost" || h.extra[host] {
		return true
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		return ip.IsLoopback() || h.isLocal(ip)
	}
	if h.names != nil {
		for _, n := range h.names() {
			if host == normalHost(n) {
				return true
			}
		}
	}
	return false
}

// isLocal reports whether ip is one of this machine's addresses.
func (h *hostCheck) isLocal(ip netip.Addr) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.local[ip] {
		return true
	}
	if h.local != nil && time.Since(h.loadedAt) < localRefresh {
		return false
	}
	h.local = map[netip.Addr]bool{}
	for _, a := range h.addrs() {
		h.local[a.Unmap()] = true
	}
	h.loadedAt = time.Now()
	return h.local[ip]
}

func interfaceAddrs() []netip.Addr {
	addrs, _ := net.InterfaceAddrs()
	var out []netip.Addr
	for _, a := range addrs {
		if p, err := netip.ParsePrefix(a.String()); err == nil {
			out = append(out, p.Addr())
		}
	}
	return out
}

// Hosts configures the Host header check.
type Hosts struct {
	// Extra names (or addresses) to answer besides the advertised ones,
	// e.g. a name a test maps to 127.0.0.1 (--allow-host).
	Extra []string
	// Names are the NAME.local values in use (the asked name and the
	// one mDNS took); the API adds Name()+".local" itself.
	Names func() []string
	// Addrs lists this machine's addresses (nil: the interfaces' addresses).
	Addrs func() []netip.Addr
}

func (a *API) newHostCheck(h *Hosts) *hostCheck {
	names := func() []string {
		n := []string{a.Name() + ".local"}
		if h.Names != nil {
			n = append(n, h.Names()...)
		}
		return n
	}
	return newHostCheck(h.Extra, names, h.Addrs)
}

// checkHost answers a foreign Host with 421; it reports whether it did.
func (a *API) checkHost(w http.ResponseWriter, r *http.Request) bool {
	if a.hosts == nil || a.hosts.allowed(r.Host) {
		return false
	}
	a.writeError(w, r, Errorf(http.StatusMisdirectedRequest, "unknown_host",
		"This server does not answer to the name %q. Use the address shown on the join screen.", normalHost(r.Host)))
	return true
}
