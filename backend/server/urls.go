package server

import (
	"fmt"
	"net"
	"net/netip"
	"sort"
)

// AttendeeURLs lists the addresses attendees can use: every LAN address
// (private IPv4 first) and the .local name when mDNS runs. When the server is
// bound to one address only that one is listed.
func (s *Server) AttendeeURLs() []string {
	host, _, _ := net.SplitHostPort(s.ln.Addr().String())
	ip, _ := netip.ParseAddr(host)
	var urls []string
	if ip.IsValid() && !ip.IsUnspecified() {
		return []string{fmt.Sprintf("http://%s/", net.JoinHostPort(ip.String(), fmt.Sprint(s.port)))}
	}
	for _, a := range lanAddrs() {
		urls = append(urls, fmt.Sprintf("http://%s/", net.JoinHostPort(a.String(), fmt.Sprint(s.port))))
	}
	s.mu.Lock()
	if s.mdnsOK {
		urls = append(urls, fmt.Sprintf("http://%s.local:%d/", s.name, s.port))
	}
	s.mu.Unlock()
	if len(urls) == 0 {
		urls = append(urls, fmt.Sprintf("http://127.0.0.1:%d/", s.port))
	}
	return urls
}

// lanAddrs returns this machine's non-loopback IPv4 addresses, private first.
func lanAddrs() []netip.Addr {
	addrs, _ := net.InterfaceAddrs()
	var out []netip.Addr
	for _, a := range addrs {
		p, err := netip.ParsePrefix(a.String())
		if err != nil {
			continue
		}
		ip := p.Addr()
		if ip.Is4() && !ip.IsLoopback() && !ip.IsLinkLocalUnicast() {
			out = append(out, ip)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].IsPrivate() && !out[j].IsPrivate() })
	return out
}
