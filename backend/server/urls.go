package server

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/discovery"
)

// startMDNS advertises the workshop on the LAN. A failure is not fatal: it
// is shown on the join screen and attendees can still use the IP URLs.
func (s *Server) startMDNS() {
	if !s.cfg.MDNS || s.boundHost().IsLoopback() {
		return
	}
	var only netip.Addr // a server bound to one IP advertises only that one
	if ip := s.boundHost(); ip.IsValid() && !ip.IsUnspecified() {
		only = ip
	}
	adv, err := discovery.Start(context.Background(), discovery.Config{
		Name: s.cfg.Name, Port: s.port, Version: Version, Interfaces: s.cfg.Interfaces, OnlyAddr: only,
		Logger: s.log, OnChange: s.mdnsChanged,
	})
	if err != nil {
		s.mdnsChanged(discovery.Status{Error: err.Error()})
		return
	}
	s.adv = adv
	s.mdnsChanged(adv.Status())
}

func (s *Server) mdnsChanged(st discovery.Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mdns = st
	if st.Running && st.HostName != "" {
		if old := s.name; old != strings.TrimSuffix(st.HostName, ".local") {
			s.name = strings.TrimSuffix(st.HostName, ".local")
			s.log.Info("mDNS name in use", "host", st.HostName, "asked", s.cfg.Name)
		}
	}
}

// boundHost is the IP the listener is bound to (unspecified for ":8080").
func (s *Server) boundHost() netip.Addr {
	host, _, _ := net.SplitHostPort(s.ln.Addr().String())
	ip, _ := netip.ParseAddr(host)
	return ip.Unmap()
}

// loopbackOrBound is the host a program on this machine reaches the
// server at: the bound IP, or 127.0.0.1 when bound to all addresses.
func (s *Server) loopbackOrBound() string {
	if ip := s.boundHost(); ip.IsValid() && !ip.IsUnspecified() {
		return ip.String()
	}
	return "127.0.0.1"
}

// localNames are the NAME.local names the Host check accepts: the asked
// one and the one mDNS took (the API adds the name in use).
func (s *Server) localNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := []string{s.cfg.Name + ".local"}
	if s.mdns.HostName != "" {
		names = append(names, s.mdns.HostName)
	}
	return names
}

// AttendeeURLs lists the addresses attendees can use: every LAN address
// (private IPv4 first) and the .local name when mDNS runs. A server bound to
// one address lists only that IP, plus the .local name.
func (s *Server) AttendeeURLs() []string {
	info := s.joinInfo()
	return info.URLs
}

func (s *Server) joinInfo() api.JoinInfo {
	s.mu.Lock()
	st, name := s.mdns, s.name
	s.mu.Unlock()
	info := api.JoinInfo{Name: name, MDNSRunning: st.Running, MDNSError: st.Error}
	if s.cfg.MDNS && !st.Running && st.Error == "" && s.adv == nil && !s.boundHost().IsLoopback() {
		info.MDNSError = "mDNS did not start"
	}
	ip := s.boundHost()
	if ip.IsValid() && !ip.IsUnspecified() {
		info.URLs = []string{s.url(ip.String())}
		info.HasLAN = !ip.IsLoopback()
	} else {
		ifaces, _ := discovery.SystemInterfaces()
		lan := discovery.LANAddrs(ifaces)
		if len(s.cfg.Interfaces) > 0 { // the facilitator named the LAN interfaces
			lan = discovery.AddrsOf(discovery.SelectNamed(ifaces, s.cfg.Interfaces))
		}
		for _, a := range lan {
			if a.Is4() {
				info.URLs = append(info.URLs, s.url(a.String()))
			}
		}
		info.HasLAN = len(info.URLs) > 0
	}
	if st.Running && st.HostName != "" {
		info.MDNSHost = st.HostName
		info.URLs = append(info.URLs, s.url(st.HostName))
	}
	if len(info.URLs) == 0 {
		info.URLs = []string{s.url("127.0.0.1")}
	}
	return info
}

func (s *Server) url(host string) string {
	return fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(s.port)))
}
