// Package discovery makes the facilitator's laptop findable on the classroom
// LAN without any setup: attendees type http://codelabs.local:8080/ (or scan
// a QR code of a LAN address) instead of asking for an IP.
//
// It advertises over multicast DNS:
//   - an "_http._tcp" service, instance "Open Codelabs – <name>", TXT
//     "path=/" and "version=<app version>", via github.com/grandcat/zeroconf;
//   - the host name <name>.local, answered by our own small responder,
//     because zeroconf v1.0.0 never answers a direct A/AAAA question
//     (upstream issue #83), so a resolver with an empty cache would fail.
//
// Before announcing, the responder probes the name three times 250 ms apart;
// if another machine (another facilitator in the building) answers, it tries
// <name>-2, <name>-3, … and HostName reports the name actually in use.
//
// Answers carry the address of the interface a query arrived on, and only
// chosen interfaces are used: up, multicast, not loopback, not a container
// bridge or VPN tunnel, with a private IPv4 or IPv6 ULA/link-local address
// (SelectInterfaces), or exactly the ones named in Config.Interfaces. A
// watcher polls the interfaces and re-registers when the laptop changes
// networks. Close sends goodbyes (TTL 0) so browsers forget us at once.
//
// API:
//
//	a, err := discovery.Start(ctx, discovery.Config{Name: "codelabs", Port: 8080, Version: v})
//	a.HostName() // "codelabs.local" or "codelabs-2.local"
//	a.Status()   // running, error, interfaces, addresses
//	a.Close()
//
// LANAddrs, SelectInterfaces, NextName and HostLabel are pure helpers; the
// server uses LANAddrs for attendee URLs even when mDNS is off.
package discovery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/grandcat/zeroconf"
)

// ServiceType is the DNS-SD type we register: plain web, so generic
// browsers (Safari's Bonjour list, Android's service browsers) show it.
const ServiceType = "_http._tcp"

// DefaultPollInterval is how often the watcher looks for network changes.
const DefaultPollInterval = 3 * time.Second

// Config says what to advertise.
type Config struct {
	// Name is the workshop name; its DNS form (HostLabel) is the host label,
	// and it appears as is in the service instance name.
	Name    string
	Port    int
	Version string
	// Interfaces are explicit interface names; nil selects automatically.
	Interfaces []string
	// OnlyAddr, when valid, is the one address the server listens on (an
	// --addr bound to a single IP): only it is advertised, on the
	// interfaces that carry it, so the name never resolves to a dead address.
	OnlyAddr netip.Addr
	// PollInterval overrides DefaultPollInterval.
	PollInterval time.Duration
	// OnChange, if set, is called (from the watcher goroutine) after every
	// registration attempt, so a UI can show the new name or error.
	OnChange func(Status)
	Logger   *slog.Logger
}

// Status describes the advertisement as it is now.
type Status struct {
	Running    bool     `json:"running"`
	Error      string   `json:"error,omitempty"`
	HostName   string   `json:"host_name,omitempty"`
	Interfaces []string `json:"interfaces"`
	Addrs      []string `json:"addrs"`
}

// Advertiser keeps the service and host name registered until Close.
type Advertiser struct {
	cfg    Config
	label  string
	log    *slog.Logger
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	// Owned by the watcher goroutine (and Start before it runs).
	zc      *zeroconf.Server
	resp    *responder
	fp      string
	attempt int

	mu     sync.Mutex
	status Status
}

// Start probes for a free name, registers the service and host name on the
// chosen interfaces, and starts the interface watcher. It returns an error
// only for a bad Config; a registration that fails (no network yet, port
// 5353 unavailable) is reported in Status and retried by the watcher.
func Start(ctx context.Context, cfg Config) (*Advertiser, error) {
	label := HostLabel(cfg.Name)
	if label == "" {
		return nil, fmt.Errorf("discovery: name %q has no letters or digits", cfg.Name)
	}
	if cfg.Port <= 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("discovery: invalid port %d", cfg.Port)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("discovery: start: %w", err)
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = DefaultPollInterval
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(ctx)
	a := &Advertiser{cfg: cfg, label: label, log: log, cancel: cancel, done: make(chan struct{}), attempt: 1}
	a.refresh(ctx, true)
	go a.watch(ctx)
	return a, nil
}

// HostName returns the host name in use, e.g. "codelabs-2.local", or ""
// while nothing is registered.
func (a *Advertiser) HostName() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status.HostName
}

// Status returns a copy of the current state.
func (a *Advertiser) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.status
	s.Interfaces = append([]string(nil), s.Interfaces...)
	s.Addrs = append([]string(nil), s.Addrs...)
	return s
}

// Close stops the watcher and sends goodbyes for the service and host name.
func (a *Advertiser) Close() error {
	a.once.Do(a.cancel)
	<-a.done
	return nil
}

func (a *Advertiser) watch(ctx context.Context) {
	defer close(a.done)
	t := time.NewTicker(a.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			a.stop()
			a.setStatus(Status{Error: "stopped"})
			return
		case <-t.C:
			a.refresh(ctx, false)
		}
	}
}

// choose lists the interfaces to advertise on right now.
func (a *Advertiser) choose() ([]Iface, error) {
	all, err := SystemInterfaces()
	if err != nil {
		return nil, err
	}
	var sel []Iface
	if a.cfg.Interfaces != nil {
		sel = SelectNamed(all, a.cfg.Interfaces)
	} else {
		sel = SelectInterfaces(all)
	}
	return OnlyAddr(sel, a.cfg.OnlyAddr), nil
}

// refresh re-registers when the chosen interfaces changed or the last
// attempt failed.
func (a *Advertiser) refresh(ctx context.Context, first bool) {
	sel, err := a.choose()
	if err != nil {
		a.fail(err)
		return
	}
	fp := fingerprint(sel)
	if !first && fp == a.fp && a.Status().Running {
		return
	}
	if !first && fp != a.fp {
		a.log.Info("network changed, re-registering mdns", "interfaces", names(sel))
	}
	a.fp = fp
	a.stop()
	if len(sel) == 0 {
		msg := "no usable LAN interface"
		if a.cfg.Interfaces != nil {
			msg = fmt.Sprintf("none of the interfaces %v is up", a.cfg.Interfaces)
		}
		a.fail(errors.New(msg))
		return
	}
	if err := a.register(ctx, sel); err != nil {
		if ctx.Err() == nil {
			a.fail(err)
		}
		return
	}
}

func (a *Advertiser) register(ctx context.Context, sel []Iface) error {
	resp, err := newResponder(sel, a.log)
	if err != nil {
		return err
	}
	label, attempt, err := resp.claim(ctx, a.label, a.attempt)
	if err != nil {
		resp.close()
		return err
	}
	text := []string{"path=/", "version=" + a.cfg.Version}
	// ips nil: zeroconf then answers with the addresses of the interface the
	// query came in on, like our responder. The host is the bare label since
	// zeroconf appends the domain itself.
	var ips []string // nil: zeroconf answers with the receiving interface's addresses
	if a.cfg.OnlyAddr.IsValid() {
		ips = []string{a.cfg.OnlyAddr.String()}
	}
	zc, err := zeroconf.RegisterProxy(instanceName(a.cfg.Name, attempt), ServiceType, "local.", a.cfg.Port, label, ips, text, netInterfaces(resp.order))
	if err != nil {
		resp.close()
		return fmt.Errorf("discovery: register service: %w", err)
	}
	a.zc, a.resp, a.attempt = zc, resp, attempt
	var addrs []string
	for _, ad := range AddrsOf(resp.order) {
		addrs = append(addrs, ad.String())
	}
	host := label + ".local"
	a.log.Info("mdns advertising", "host", host, "interfaces", names(resp.order), "port", a.cfg.Port)
	a.setStatus(Status{Running: true, HostName: host, Interfaces: names(resp.order), Addrs: addrs})
	return nil
}

// stop withdraws the current registration, sending goodbyes.
func (a *Advertiser) stop() {
	if a.zc != nil {
		a.zc.Shutdown()
		a.zc = nil
	}
	if a.resp != nil {
		a.resp.close()
		a.resp = nil
	}
}

func (a *Advertiser) fail(err error) {
	if a.setStatus(Status{Error: err.Error()}) {
		a.log.Warn("mdns not advertising", "err", err)
	}
}

// setStatus records s and reports whether it differs from the previous
// status; OnChange hears only about real changes, not every retry.
func (a *Advertiser) setStatus(s Status) bool {
	a.mu.Lock()
	changed := !reflect.DeepEqual(a.status, s)
	a.status = s
	a.mu.Unlock()
	if changed && a.cfg.OnChange != nil {
		a.cfg.OnChange(s)
	}
	return changed
}

func names(sel []Iface) []string {
	out := make([]string, len(sel))
	for i, f := range sel {
		out[i] = f.Name
	}
	return out
}

// instanceName is the DNS-SD instance label in miekg/dns presentation form.
// zeroconf compares incoming question names, which miekg/dns unpacks with
// spaces and non-ASCII bytes escaped, against the string we give it; passing
// the escaped form makes direct instance lookups (Bonjour's resolve step)
// match while the wire still carries the plain UTF-8 text.
func instanceName(name string, attempt int) string {
	s := "Open Codelabs – " + strings.TrimSpace(name)
	if attempt > 1 {
		s += fmt.Sprintf(" (%d)", attempt)
	}
	if len(s) > 63 {
		s = strings.ToValidUTF8(s[:63], "")
	}
	return escapeLabel(s)
}

func escapeLabel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(`. '@;()"\`, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
