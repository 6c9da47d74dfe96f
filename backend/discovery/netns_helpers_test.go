//go:build linux

package discovery

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grandcat/zeroconf"
	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"
)

// TestHelperAdvertiser is side A of TestDiscoveryNetns: a tiny web server
// plus the advertiser on vethA. It prints READY once advertised and shuts
// down (sending goodbyes) when its stdin closes.
func TestHelperAdvertiser(t *testing.T) {
	if os.Getenv(roleEnv) != "advertiser" {
		t.Skip("helper process for TestDiscoveryNetns")
	}
	ln, err := net.Listen("tcp", ipA+":0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	port := ln.Addr().(*net.TCPAddr).Port

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	changes := make(chan Status, 16)
	adv, err := Start(ctx, Config{
		Name: testName, Port: port, Version: "test", Interfaces: []string{ifA},
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
	st := adv.Status()
	if !st.Running || !slices.Equal(st.Interfaces, []string{ifA}) || !slices.Equal(st.Addrs, []string{ipA}) {
		t.Fatalf("got status %+v, want running on [%s] with [%s]", st, ifA, ipA)
	}
	fmt.Printf("READY %d %s\n", port, adv.HostName())

	// stdin carries commands from the parent: "move" adds an address to
	// vethA as if the laptop joined another network; EOF means quit.
	cmds := make(chan string)
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			cmds <- sc.Text()
		}
		close(cmds)
	}()
	for running := true; running; {
		select {
		case cmd, ok := <-cmds:
			if !ok {
				running = false
				break
			}
			if cmd != "move" {
				t.Fatalf("got command %q, want move", cmd)
			}
			if out, err := exec.Command("ip", "addr", "add", ipA2+"/24", "dev", ifA).CombinedOutput(); err != nil {
				t.Fatalf("ip addr add: %v: %s", err, out)
			}
			// The watcher notices on its next poll; OnChange is the event.
			awaitStatus(t, ctx, changes, func(st Status) bool { return st.Running && slices.Contains(st.Addrs, ipA2) })
			if st := adv.Status(); !slices.Equal(st.Addrs, []string{ipA, ipA2}) || adv.HostName() != testName+".local" {
				t.Fatalf("got status %+v after the move, want addrs [%s %s] under %s.local", st, ipA, ipA2, testName)
			}
			fmt.Println("MOVED")
		case <-ctx.Done():
			t.Fatal("timed out waiting for the parent")
		}
	}
	if err := adv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if st := adv.Status(); st.Running {
		t.Fatalf("got status %+v after Close, want not running", st)
	}
	fmt.Println("CLOSED")
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

// TestHelperBrowser is side B: it finds side A the way an attendee's
// machine would, checks the name collision, then watches A say goodbye.
func TestHelperBrowser(t *testing.T) {
	if os.Getenv(roleEnv) != "browser" {
		t.Skip("helper process for TestDiscoveryNetns")
	}
	port := envPort(t)
	veth, err := net.InterfaceByName(ifB)
	if err != nil {
		t.Fatalf("interface %s: %v", ifB, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	wantInstance := "Open Codelabs – " + testName

	// (a) DNS-SD browse finds the service with A's port and address.
	found := browse(t, ctx, veth, 10*time.Second, func(e *zeroconf.ServiceEntry) bool { return e.Port == port })
	if len(found) == 0 {
		t.Fatalf("browse: got no _http._tcp instance with port %d, want one", port)
	}
	e := found[0]
	if got := unescapeLabel(e.Instance); got != wantInstance {
		t.Fatalf("got instance %q, want %q", got, wantInstance)
	}
	if !slices.ContainsFunc(e.AddrIPv4, func(ip net.IP) bool { return ip.String() == ipA }) {
		t.Fatalf("got addresses %v, want %s among them", e.AddrIPv4, ipA)
	}
	if e.HostName != testName+".local." {
		t.Fatalf("got SRV target %q, want %q", e.HostName, testName+".local.")
	}
	if !slices.Contains(e.Text, "path=/") || !slices.Contains(e.Text, "version=test") {
		t.Fatalf("got TXT %v, want path=/ and version=test", e.Text)
	}
	t.Logf("browse found %q at %v:%d", e.Instance, e.AddrIPv4, e.Port)

	// (b) A direct A question with an empty cache, as a resolver asks.
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
	health := fmt.Sprintf("http://%s/api/health", net.JoinHostPort(addrs[0].String(), fmt.Sprint(port)))
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(health)
	if err != nil {
		t.Fatalf("GET %s: %v", health, err)
	}
	var body struct{ Status string }
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if err != nil || body.Status != "ok" {
		t.Fatalf("GET %s: got status %q (err %v), want ok", health, body.Status, err)
	}

	// (d) A second facilitator with the same name on this side backs off.
	adv2, err := Start(ctx, Config{Name: testName, Port: port, Version: "test", Interfaces: []string{ifB}})
	if err != nil {
		t.Fatalf("Start second advertiser: %v", err)
	}
	if got, want := adv2.HostName(), testName+"-2.local"; got != want {
		st := adv2.Status()
		adv2.Close()
		t.Fatalf("got host name %q for the second advertiser (status %+v), want %q", got, st, want)
	}
	addrs2 := queryA(t, veth, testName+"-2.local.")
	adv2.Close()
	if !slices.Equal(addrs2, []netip.Addr{netip.MustParseAddr(ipB)}) {
		t.Fatalf("got A %v for %s-2.local, want [%s]", addrs2, testName, ipB)
	}

	// (e) Side A gains an address; once it has re-registered, both resolve.
	fmt.Println("MOVE?")
	if line, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil || line != "go\n" {
		t.Fatalf("got %q (err %v) from the parent, want go", line, err)
	}
	addrs = queryA(t, veth, testName+".local.")
	slices.SortFunc(addrs, netip.Addr.Compare)
	if want := []netip.Addr{netip.MustParseAddr(ipA), netip.MustParseAddr(ipA2)}; !slices.Equal(addrs, want) {
		t.Fatalf("got A %v after the move, want %v", addrs, want)
	}

	// (c) Goodbyes: arm a listener, let the parent stop side A, and await
	// TTL 0 records for both the service and the host name.
	gb = listenMDNS(t, veth)
	fmt.Println("ARMED")
	srvName := instanceName(testName, 1) + "." + ServiceType + ".local."
	gb.await(t, 20*time.Second, map[string]uint16{srvName: dns.TypeSRV, testName + ".local.": dns.TypeA})

	// A fresh browse (no cache) finds nothing from side A any more. Absence
	// cannot be awaited as an event, so this is a bounded look.
	if left := browse(t, ctx, veth, 3*time.Second, func(e *zeroconf.ServiceEntry) bool { return e.Port == port }); len(left) != 0 {
		t.Fatalf("got %d instances after goodbye (%q), want none", len(left), left[0].Instance)
	}
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
// "legacy unicast" query, as dig or nss-mdns send) out of ifi and returns
// the addresses in the first reply.
func queryA(t *testing.T, ifi *net.Interface, name string) []netip.Addr {
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
	rbuf := make([]byte, 9000)
	for try := 0; try < 3; try++ {
		if _, err := p.WriteTo(buf, nil, mdnsGroup4); err != nil {
			t.Fatalf("send query: %v", err)
		}
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		for {
			n, _, err := c.ReadFromUDP(rbuf)
			if err != nil {
				break // deadline: ask again
			}
			var m dns.Msg
			if m.Unpack(rbuf[:n]) != nil || !m.Response || m.Id != q.Id {
				continue
			}
			if len(m.Question) != 1 || !strings.EqualFold(m.Question[0].Name, name) {
				t.Fatalf("got question section %v in legacy reply, want the question echoed", m.Question)
			}
			var out []netip.Addr
			for _, rr := range m.Answer {
				if a, ok := rr.(*dns.A); ok && strings.EqualFold(a.Hdr.Name, name) {
					if a.Hdr.Ttl > legacyTTL {
						t.Fatalf("got TTL %d in legacy reply, want at most %d", a.Hdr.Ttl, legacyTTL)
					}
					ip, _ := netip.AddrFromSlice(a.A.To4())
					out = append(out, ip)
				}
			}
			return out
		}
	}
	t.Fatalf("got no answer for %s after 3 queries", name)
	return nil
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
