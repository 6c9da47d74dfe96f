package discovery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"
)

// mDNS constants from RFC 6762.
const (
	mdnsPort      = 5353
	hostTTL       = 120 // seconds; RFC 6762 §10 for address records
	legacyTTL     = 10  // seconds; §6.7 caps TTLs in legacy unicast replies
	cacheFlush    = 1 << 15
	probeCount    = 3
	probeInterval = 250 * time.Millisecond
	maxAttempts   = 50
)

var mdnsGroup4 = &net.UDPAddr{IP: net.IPv4(224, 0, 0, 251), Port: mdnsPort}

// errConflict means another host answered for the name we probed.
var errConflict = errors.New("name in use")

// responder answers A/AAAA questions for one host name. zeroconf v1.0.0
// only sends address records alongside service answers, so without this a
// browser with an empty cache cannot resolve NAME.local (zeroconf issue #83).
type responder struct {
	conn   *ipv4.PacketConn
	log    *slog.Logger
	ifaces map[int]Iface // the chosen interfaces, by index
	order  []Iface
	done   chan struct{}

	mu       sync.Mutex
	name     string        // FQDN, e.g. "codelabs.local."
	probing  bool          // true while the name is not yet ours
	conflict chan struct{} // closed when a probe sees an answer
}

// newResponder binds UDP 5353 (shared) and joins 224.0.0.251 on each chosen
// interface. Replies go out on whichever chosen interface a query came in on.
func newResponder(sel []Iface, log *slog.Logger) (*responder, error) {
	lc := net.ListenConfig{Control: reuseControl}
	pc, err := lc.ListenPacket(context.Background(), "udp4", fmt.Sprintf("0.0.0.0:%d", mdnsPort))
	if err != nil {
		return nil, fmt.Errorf("discovery: bind udp 5353: %w", err)
	}
	conn := ipv4.NewPacketConn(pc)
	r := &responder{conn: conn, log: log, ifaces: map[int]Iface{}, done: make(chan struct{})}
	var joinErrs []error
	for _, f := range sel {
		ifi := net.Interface{Index: f.Index, Name: f.Name, Flags: f.Flags}
		if err := conn.JoinGroup(&ifi, mdnsGroup4); err != nil {
			joinErrs = append(joinErrs, fmt.Errorf("%s: %w", f.Name, err))
			continue
		}
		r.ifaces[f.Index] = f
		r.order = append(r.order, f)
	}
	if len(r.order) == 0 {
		conn.Close()
		return nil, fmt.Errorf("discovery: join 224.0.0.251: %w", errors.Join(joinErrs...))
	}
	if err := conn.SetControlMessage(ipv4.FlagInterface, true); err != nil {
		conn.Close()
		return nil, fmt.Errorf("discovery: enable interface control messages: %w", err)
	}
	_ = conn.SetMulticastTTL(255)
	// Loopback stays on so a second app on this laptop sees our answers.
	_ = conn.SetMulticastLoopback(true)
	go r.readLoop()
	return r, nil
}

// claim probes NextName(base, attempt) from startAttempt upwards and keeps
// the first name nobody answers for, then announces it.
func (r *responder) claim(ctx context.Context, base string, startAttempt int) (string, int, error) {
	for attempt := max(startAttempt, 1); attempt <= maxAttempts; attempt++ {
		label := NextName(base, attempt)
		err := r.probe(ctx, label)
		if errors.Is(err, errConflict) {
			r.log.Info("mdns name in use, trying the next", "name", label+".local")
			continue
		}
		if err != nil {
			return "", 0, err
		}
		r.announce(hostTTL)
		go func() {
			// RFC 6762 §8.3: a second announcement one second later.
			t := time.NewTimer(time.Second)
			defer t.Stop()
			select {
			case <-t.C:
				r.announce(hostTTL)
			case <-r.done:
			case <-ctx.Done():
			}
		}()
		return label, attempt, nil
	}
	return "", 0, fmt.Errorf("discovery: no free name after %d attempts", maxAttempts)
}

// probe asks three times, 250 ms apart, whether anyone owns label.local.
func (r *responder) probe(ctx context.Context, label string) error {
	fqdn := label + ".local."
	conflict := make(chan struct{})
	r.mu.Lock()
	r.name, r.probing, r.conflict = fqdn, true, conflict
	r.mu.Unlock()

	q := new(dns.Msg)
	q.Question = []dns.Question{{Name: fqdn, Qtype: dns.TypeANY, Qclass: dns.ClassINET}}
	timer := time.NewTimer(probeInterval)
	defer timer.Stop()
	for i := 0; i < probeCount; i++ {
		for _, f := range r.order {
			// The authority section states what we intend to claim (§8.2).
			v4, v6 := hostAddrs(f)
			q.Ns = addrRecords(fqdn, v4, v6, hostTTL, false)
			r.send(q, f.Index, mdnsGroup4)
		}
		timer.Reset(probeInterval)
		select {
		case <-conflict:
			return errConflict
		case <-ctx.Done():
			return fmt.Errorf("discovery: probe %s: %w", fqdn, ctx.Err())
		case <-r.done:
			return errors.New("discovery: responder closed")
		case <-timer.C:
		}
	}
	r.mu.Lock()
	r.probing, r.conflict = false, nil
	r.mu.Unlock()
	return nil
}

// announce multicasts our address records on every chosen interface, each
// with that interface's own addresses. ttl 0 is the goodbye.
func (r *responder) announce(ttl uint32) {
	r.mu.Lock()
	name, probing := r.name, r.probing
	r.mu.Unlock()
	if name == "" || probing {
		return
	}
	for _, f := range r.order {
		v4, v6 := hostAddrs(f)
		m := new(dns.Msg)
		m.Response, m.Authoritative = true, true
		m.Answer = addrRecords(name, v4, v6, ttl, true)
		if len(m.Answer) > 0 {
			r.send(m, f.Index, mdnsGroup4)
		}
	}
}

// close says goodbye (TTL 0) and releases the socket.
func (r *responder) close() {
	r.announce(0)
	r.conn.Close()
	<-r.done
}

func (r *responder) readLoop() {
	defer close(r.done)
	buf := make([]byte, 9000)
	for {
		n, cm, src, err := r.conn.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		var m dns.Msg
		if m.Unpack(buf[:n]) != nil || cm == nil {
			continue
		}
		r.handle(&m, cm.IfIndex, src)
	}
}

func (r *responder) handle(m *dns.Msg, ifIndex int, src net.Addr) {
	r.mu.Lock()
	name, probing, conflict := r.name, r.probing, r.conflict
	r.mu.Unlock()
	if name == "" {
		return
	}
	f, chosen := r.ifaces[ifIndex]
	if m.Response {
		if chosen && probing && conflict != nil && mentions(m, name) {
			r.mu.Lock()
			if r.conflict == conflict {
				close(conflict)
				r.conflict = nil
			}
			r.mu.Unlock()
		}
		return
	}
	if !chosen || probing || m.Opcode != dns.OpcodeQuery {
		return
	}
	udp, ok := src.(*net.UDPAddr)
	if !ok {
		return
	}
	legacy := udp.Port != mdnsPort
	reply, unicast := r.answer(m, name, f, legacy)
	if reply == nil {
		return
	}
	if legacy || unicast {
		r.send(reply, ifIndex, udp)
		return
	}
	r.send(reply, ifIndex, mdnsGroup4)
}

// answer builds the reply for the questions about name, or nil.
func (r *responder) answer(q *dns.Msg, name string, f Iface, legacy bool) (*dns.Msg, bool) {
	v4, v6 := hostAddrs(f)
	ttl, flush := uint32(hostTTL), true
	if legacy {
		ttl, flush = legacyTTL, false
	}
	resp := new(dns.Msg)
	resp.Response, resp.Authoritative = true, true
	unicast := true
	var wantA, wantAAAA bool
	for _, qq := range q.Question {
		if !strings.EqualFold(qq.Name, name) {
			continue
		}
		if c := qq.Qclass &^ cacheFlush; c != dns.ClassINET && c != dns.ClassANY {
			continue
		}
		switch qq.Qtype {
		case dns.TypeA:
			wantA = true
		case dns.TypeAAAA:
			wantAAAA = true
		case dns.TypeANY:
			wantA, wantAAAA = true, true
		default:
			continue
		}
		unicast = unicast && qq.Qclass&cacheFlush != 0
		if legacy {
			resp.Question = append(resp.Question, qq)
		}
	}
	if !wantA && !wantAAAA {
		return nil, false
	}
	var a4, a6 []netip.Addr
	if wantA {
		a4 = v4
	}
	if wantAAAA {
		a6 = v6
	}
	resp.Answer = addrRecords(name, a4, a6, ttl, flush)
	// The other family rides along so the asker need not ask again (§6.2).
	var x4, x6 []netip.Addr
	if !wantA {
		x4 = v4
	}
	if !wantAAAA {
		x6 = v6
	}
	resp.Extra = addrRecords(name, x4, x6, ttl, flush)
	// The NSEC lists the types that exist, so an asker knows at once that,
	// say, no AAAA is coming (RFC 6762 §6.1); it is in the answer section
	// when it is the only answer.
	nsec := nsecFor(name, v4, v6, ttl, flush)
	if len(resp.Answer) == 0 {
		resp.Answer = append(resp.Answer, nsec)
	} else {
		resp.Extra = append(resp.Extra, nsec)
	}
	if legacy {
		resp.Id = q.Id
	}
	return resp, unicast
}

func (r *responder) send(m *dns.Msg, ifIndex int, dst *net.UDPAddr) {
	buf, err := m.Pack()
	if err != nil {
		r.log.Warn("mdns pack failed", "err", err)
		return
	}
	if _, err := r.conn.WriteTo(buf, &ipv4.ControlMessage{IfIndex: ifIndex}, dst); err != nil && !errors.Is(err, net.ErrClosed) {
		r.log.Debug("mdns send failed", "iface", ifIndex, "dst", dst, "err", err)
	}
}

// mentions reports whether a response carries a record owned by name.
func mentions(m *dns.Msg, name string) bool {
	for _, sec := range [][]dns.RR{m.Answer, m.Ns, m.Extra} {
		for _, rr := range sec {
			if strings.EqualFold(rr.Header().Name, name) {
				return true
			}
		}
	}
	return false
}

func addrRecords(name string, v4, v6 []netip.Addr, ttl uint32, flush bool) []dns.RR {
	class := uint16(dns.ClassINET)
	if flush {
		class |= cacheFlush
	}
	var out []dns.RR
	for _, a := range v4 {
		out = append(out, &dns.A{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeA, Class: class, Ttl: ttl}, A: a.AsSlice()})
	}
	for _, a := range v6 {
		out = append(out, &dns.AAAA{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeAAAA, Class: class, Ttl: ttl}, AAAA: a.AsSlice()})
	}
	return out
}

func nsecFor(name string, v4, v6 []netip.Addr, ttl uint32, flush bool) dns.RR {
	class := uint16(dns.ClassINET)
	if flush {
		class |= cacheFlush
	}
	var types []uint16
	if len(v4) > 0 {
		types = append(types, dns.TypeA)
	}
	if len(v6) > 0 {
		types = append(types, dns.TypeAAAA)
	}
	return &dns.NSEC{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeNSEC, Class: class, Ttl: ttl}, NextDomain: name, TypeBitMap: types}
}
