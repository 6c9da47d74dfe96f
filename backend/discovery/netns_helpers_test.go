//go:build linux

package discovery

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grandcat/zeroconf"
	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"
)

// TestHelperAdvertiser checks the discovery package on its own, in
// namespace A after the server there has stopped: Status and OnChange
// follow an address change, and Close stops advertising.
func TestHelperAdvertiser(t *testing.T) {
	if os.Getenv(roleEnv) != "advertiser" {
		t.Skip("helper process for TestDiscoveryNetns")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	changes := make(chan Status, 16)
	adv, err := Start(ctx, Config{
		Name: testName, Port: 8080, Version: "test", Interfaces: []string{ifA},
		PollInterval: 500 * time.Millisecond,
		OnChange: func(s Status) {
			select {
			case changes <- s:
			case <-ctx.Done():
			}
		},
		Logger: slog.New(slog.NewTextHandler(os.Stderr, nil)),
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer adv.Close()
	awaitStatus(t, ctx, changes, func(st Status) bool { return st.Running })
	// The server said goodbye, so the name is free again.
	st := adv.Status()
	if !slices.Equal(st.Interfaces, []string{ifA}) || !slices.Equal(st.Addrs, []string{ipA, ipA2}) || st.HostName != testName+".local" {
		t.Fatalf("got status %+v, want running as %s.local on [%s] with [%s %s]", st, testName, ifA, ipA, ipA2)
	}
	if out, err := exec.Command("ip", "addr", "add", ipA3+"/24", "dev", ifA).CombinedOutput(); err != nil {
		t.Fatalf("ip addr add: %v: %s", err, out)
	}
	// The watcher notices on its next poll; OnChange is the event.
	awaitStatus(t, ctx, changes, func(st Status) bool { return st.Running && slices.Contains(st.Addrs, ipA3) })
	if st := adv.Status(); !slices.Equal(st.Addrs, []string{ipA, ipA2, ipA3}) || adv.HostName() != testName+".local" {
		t.Fatalf("got status %+v after the change, want addrs [%s %s %s] under %s.local", st, ipA, ipA2, ipA3, testName)
	}
	if err := adv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if st := adv.Status(); st.Running || adv.HostName() != "" {
		t.Fatalf("got status %+v after Close, want not running", st)
	}
}

func awaitStatus(t *testing.T, ctx context.Context, changes <-chan Status, ok func(Status) bool) {
	t.Helper()
	for {
		select {
		case st := <-changes:
			if ok(st) {
				return
			}
		case <-ctx.Done():
			t.Fatal("timed out waiting for a status change")
		}
	}
}

// TestHelperBrowser is side B: it finds the server on side A the way an
// attendee's machine would, checks the name collision with a second server
// the parent starts on side B, follows A's address change, then watches A
// say goodbye. It talks to the parent with lines on stdout and stdin.
func TestHelperBrowser(t *testing.T) {
	if os.Getenv(roleEnv) != "browser" {
		t.Skip("helper process for TestDiscoveryNetns")
	}
	port := envPort(t)
	veth, err := net.InterfaceByName(ifB)
	if err != nil {
		t.Fatalf("interface %s: %v", ifB, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 70*time.Second)
	defer cancel()
	stdin := bufio.NewReader(os.Stdin)

	// (a) DNS-SD browse finds the service with A's port and address.
	e := browseOne(t, ctx, veth, port)
	if got, want := unescapeLabel(e.Instance), "Open Codelabs – "+testName; got != want {
		t.Fatalf("got instance %q, want %q", got, want)
	}
	if !slices.ContainsFunc(e.AddrIPv4, func(ip net.IP) bool { return ip.String() == ipA }) {
		t.Fatalf("got addresses %v, want %s among them", e.AddrIPv4, ipA)
	}
	if e.HostName != testName+".local." {
		t.Fatalf("got SRV target %q, want %q", e.HostName, testName+".local.")
	}
	t.Logf("browse found %q at %v:%d", e.Instance, e.AddrIPv4, e.Port)

	// (b) A direct A question with an empty cache, as a resolver asks, then
	// the server's health through the address it returned.
	addrs := queryA(t, veth, testName+".local.")
	if !slices.Equal(addrs, []netip.Addr{netip.MustParseAddr(ipA)}) {
		t.Fatalf("got A %v for %s.local, want [%s]", addrs, testName, ipA)
	}
	// The same question from port 5353, as Avahi or mDNSResponder ask it,
	// gets a multicast answer with the cache-flush bit and the full TTL.
	gb := listenMDNS(t, veth)
	if got := gb.queryMulticast(t, veth, testName+".local."); !slices.Equal(got, addrs) {
		t.Fatalf("got multicast answer %v, want %v", got, addrs)
	}
	gb.conn.Close()
	version := health(t, addrs[0].String(), port)
	if !slices.Contains(e.Text, "path=/") || !slices.Contains(e.Text, "version="+version) {
		t.Fatalf("got TXT %v, want path=/ and version=%s", e.Text, version)
	}

	// (d) A second server with the same name on this side backs off to
	// NAME-2; the first keeps its name.
	fmt.Println("COLLIDE?")
	line, err := stdin.ReadString('\n')
	port2, perr := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(line), "go "))
	if err != nil || perr != nil {
		t.Fatalf("got %q (err %v) from the parent, want go PORT", line, err)
	}
	if got := queryA(t, veth, testName+"-2.local."); !slices.Equal(got, []netip.Addr{netip.MustParseAddr(ipB)}) {
		t.Fatalf("got A %v for %s-2.local, want [%s]", got, testName, ipB)
	}
	if got := queryA(t, veth, testName+".local."); !slices.Equal(got, addrs) {
		t.Fatalf("got A %v for %s.local with a second server up, want %v", got, testName, addrs)
	}
	e2 := browseOne(t, ctx, veth, port2)
	if got, want := unescapeLabel(e2.Instance), "Open Codelabs – "+testName+" (2)"; got != want || e2.HostName != testName+"-2.local." {
		t.Fatalf("got second instance %q on %q, want %q on %s-2.local.", got, e2.HostName, want, testName)
	}
	health(t, ipB, port2)
	fmt.Println("COLLIDED")

	// (e) Side A gains an address; once it has re-registered, both resolve.
	fmt.Println("MOVE?")
	if line, err := stdin.ReadString('\n'); err != nil || line != "go\n" {
		t.Fatalf("got %q (err %v) from the parent, want go", line, err)
	}
	addrs = queryA(t, veth, testName+".local.")
	slices.SortFunc(addrs, netip.Addr.Compare)
	if want := []netip.Addr{netip.MustParseAddr(ipA), netip.MustParseAddr(ipA2)}; !slices.Equal(addrs, want) {
		t.Fatalf("got A %v after the move, want %v", addrs, want)
	}

	// (c) Goodbyes: arm a listener, let the parent stop the server, and
	// await TTL 0 records for both the service and the host name.
	gb = listenMDNS(t, veth)
	fmt.Println("ARMED")
	srvName := instanceName(testName, 1) + "." + ServiceType + ".local."
	gb.await(t, 20*time.Second, map[string]uint16{srvName: dns.TypeSRV, testName + ".local.": dns.TypeA})

	// A fresh browse and a fresh A question (no cache) find nothing from
	// side A any more. Absence cannot be awaited as an event, so these are
	// bounded looks.
	if left := browse(t, ctx, veth, 3*time.Second, func(e *zeroconf.ServiceEntry) bool { return e.Port == port }); len(left) != 0 {
		t.Fatalf("got %d instances after goodbye (%q), want none", len(left), left[0].Instance)
	}
	if got, ok := queryAOnce(t, veth, testName+".local.", 2*time.Second); ok {
		t.Fatalf("got A %v for %s.local after the server stopped, want no answer", got, testName)
	}
}

// health fetches /api/health from the server at ip:port and returns the
// version it reports.
func health(t *testing.T, ip string, port int) string {
	t.Helper()
	u := fmt.Sprintf("http://%s/api/health", net.JoinHostPort(ip, strconv.Itoa(port)))
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	var body struct{ Status, Version string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK || body.Status != "ok" || body.Version == "" {
		t.Fatalf("GET %s: got %d %+v (err %v), want 200 with status ok and a version", u, resp.StatusCode, body, err)
	}
	return body.Version
}

// browseOne browses for the instance on port and fails if none shows up.
func browseOne(t *testing.T, ctx context.Context, veth *net.Interface, port int) *zeroconf.ServiceEntry {
	t.Helper()
	found := browse(t, ctx, veth, 10*time.Second, func(e *zeroconf.ServiceEntry) bool { return e.Port == port })
	if len(found) == 0 {
		t.Fatalf("browse: got no _http._tcp instance with port %d, want one", port)
	}
	return found[0]
}

// browse collects the _http._tcp instances matching keep within d; it
// returns as soon as one matches.
func browse(t *testing.T, ctx context.Context, ifi *net.Interface, d time.Duration, keep func(*zeroconf.ServiceEntry) bool) []*zeroconf.ServiceEntry {
	t.Helper()
	r, err := zeroconf.NewResolver(zeroconf.SelectIfaces([]net.Interface{*ifi}), zeroconf.SelectIPTraffic(zeroconf.IPv4))
	if err != nil {
		t.Fatalf("resolver: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	entries := make(chan *zeroconf.ServiceEntry, 16)
	if err := r.Browse(ctx, ServiceType, "local.", entries); err != nil {
		t.Fatalf("browse: %v", err)
	}
	for {
		select {
		case e, ok := <-entries:
			if !ok {
				return nil
			}
			if keep(e) {
				return []*zeroconf.ServiceEntry{e}
			}
		case <-ctx.Done():
			return nil
		}
	}
}

// queryA sends a one-shot mDNS A question from an ephemeral port (a
// "legacy unicast" query, as dig or nss-mdns send) out of ifi, up to three
// times, and returns the addresses in the first reply.
func queryA(t *testing.T, ifi *net.Interface, name string) []netip.Addr {
	t.Helper()
	for try := 0; try < 3; try++ {
		if out, ok := queryAOnce(t, ifi, name, 2*time.Second); ok {
			return out
		}
	}
	t.Fatalf("got no answer for %s after 3 queries", name)
	return nil
}

// queryAOnce asks once and waits up to d; ok is false when nobody answered.
func queryAOnce(t *testing.T, ifi *net.Interface, name string, d time.Duration) (out []netip.Addr, ok bool) {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4zero})
	if err != nil {
		t.Fatalf("query socket: %v", err)
	}
	defer c.Close()
	p := ipv4.NewPacketConn(c)
	if err := p.SetMulticastInterface(ifi); err != nil {
		t.Fatalf("multicast interface: %v", err)
	}
	q := new(dns.Msg)
	q.SetQuestion(name, dns.TypeA)
	q.RecursionDesired = false
	buf, err := q.Pack()
	if err != nil {
		t.Fatalf("pack: %v", err)
	}
	if _, err := p.WriteTo(buf, nil, mdnsGroup4); err != nil {
		t.Fatalf("send query: %v", err)
	}
	c.SetReadDeadline(time.Now().Add(d))
	rbuf := make([]byte, 9000)
	for {
		n, _, err := c.ReadFromUDP(rbuf)
		if err != nil {
			return nil, false // deadline
		}
		var m dns.Msg
		if m.Unpack(rbuf[:n]) != nil || !m.Response || m.Id != q.Id {
			continue
		}
		if len(m.Question) != 1 || !strings.EqualFold(m.Question[0].Name, name) {
			t.Fatalf("got question section %v in legacy reply, want the question echoed", m.Question)
		}
		for _, rr := range m.Answer {
			if a, ok := rr.(*dns.A); ok && strings.EqualFold(a.Hdr.Name, name) {
				if a.Hdr.Ttl > legacyTTL {
					t.Fatalf("got TTL %d in legacy reply, want at most %d", a.Hdr.Ttl, legacyTTL)
				}
				ip, _ := netip.AddrFromSlice(a.A.To4())
				out = append(out, ip)
			}
		}
		return out, true
	}
}

// mdnsListener is a socket on the shared mDNS port in side B.
type mdnsListener struct{ conn *ipv4.PacketConn }

func listenMDNS(t *testing.T, ifi *net.Interface) *mdnsListener {
	t.Helper()
	lc := net.ListenConfig{Control: reuseControl}
	pc, err := lc.ListenPacket(context.Background(), "udp4", fmt.Sprintf("0.0.0.0:%d", mdnsPort))
	if err != nil {
		t.Fatalf("goodbye listener: %v", err)
	}
	conn := ipv4.NewPacketConn(pc)
	if err := conn.JoinGroup(ifi, mdnsGroup4); err != nil {
		t.Fatalf("join group: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.SetMulticastInterface(ifi); err != nil {
		t.Fatalf("multicast interface: %v", err)
	}
	return &mdnsListener{conn: conn}
}

// queryMulticast asks for name's A record from port 5353 and returns the
// addresses in the multicast answer from side A. An answer is told apart
// from the unsolicited announcements that may still arrive from A's start by
// its NSEC record in the additional section, which announcements lack.
func (g *mdnsListener) queryMulticast(t *testing.T, ifi *net.Interface, name string) []netip.Addr {
	t.Helper()
	q := new(dns.Msg)
	q.SetQuestion(name, dns.TypeA)
	q.Id, q.RecursionDesired = 0, false
	buf, _ := q.Pack()
	if _, err := g.conn.WriteTo(buf, &ipv4.ControlMessage{IfIndex: ifi.Index}, mdnsGroup4); err != nil {
		t.Fatalf("send query: %v", err)
	}
	g.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	rbuf := make([]byte, 9000)
	for {
		n, _, src, err := g.conn.ReadFrom(rbuf)
		if err != nil {
			t.Fatalf("got no multicast answer for %s: %v", name, err)
		}
		var m dns.Msg
		if u, ok := src.(*net.UDPAddr); !ok || u.IP.String() != ipA || m.Unpack(rbuf[:n]) != nil || !m.Response {
			continue
		}
		if !slices.ContainsFunc(m.Extra, func(rr dns.RR) bool {
			nsec, ok := rr.(*dns.NSEC)
			return ok && strings.EqualFold(nsec.Hdr.Name, name) && slices.Contains(nsec.TypeBitMap, dns.TypeA)
		}) {
			continue // an announcement, not our answer
		}
		var out []netip.Addr
		for _, rr := range m.Answer {
			a, ok := rr.(*dns.A)
			if !ok || !strings.EqualFold(a.Hdr.Name, name) {
				t.Fatalf("got %v in the answer to an A question, want only A records for %s", rr, name)
			}
			if a.Hdr.Ttl != hostTTL || a.Hdr.Class&cacheFlush == 0 {
				t.Fatalf("got TTL %d class %#x, want TTL %d with the cache-flush bit", a.Hdr.Ttl, a.Hdr.Class, hostTTL)
			}
			ip, _ := netip.AddrFromSlice(a.A.To4())
			out = append(out, ip)
		}
		return out
	}
}

// await waits until every name has been seen with its type and TTL 0,
// sent from side A.
func (g *mdnsListener) await(t *testing.T, d time.Duration, want map[string]uint16) {
	t.Helper()
	deadline := time.Now().Add(d)
	g.conn.SetReadDeadline(deadline)
	buf := make([]byte, 9000)
	for len(want) > 0 {
		n, _, src, err := g.conn.ReadFrom(buf)
		if err != nil {
			t.Fatalf("got no goodbye for %v within %v: %v", want, d, err)
		}
		if u, ok := src.(*net.UDPAddr); !ok || (u.IP.String() != ipA && u.IP.String() != ipA2) {
			continue
		}
		var m dns.Msg
		if m.Unpack(buf[:n]) != nil || !m.Response {
			continue
		}
		for _, rr := range m.Answer {
			h := rr.Header()
			if typ, ok := want[h.Name]; ok && typ == h.Rrtype && h.Ttl == 0 {
				delete(want, h.Name)
			}
		}
	}
}
