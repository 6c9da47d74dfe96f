package discovery

import (
	"net"
	"net/netip"
	"slices"
	"testing"

	"github.com/miekg/dns"
)

const upMC = net.FlagUp | net.FlagMulticast | net.FlagRunning

func pfx(ss ...string) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range ss {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}

// laptop is a typical facilitator machine: Wi-Fi, Ethernet, Docker, a VPN.
var laptop = []Iface{
	{Name: "lo", Index: 1, Flags: net.FlagUp | net.FlagLoopback, Addrs: pfx("127.0.0.1/8", "::1/128")},
	{Name: "wlp2s0", Index: 2, Flags: upMC, Addrs: pfx("192.168.1.23/24", "fe80::1/64", "2001:db8::23/64")},
	{Name: "enp0s31f6", Index: 3, Flags: upMC, Addrs: pfx("10.20.0.5/16", "fd12::5/64")},
	{Name: "docker0", Index: 4, Flags: upMC, Addrs: pfx("172.17.0.1/16")},
	{Name: "br-1a2b3c", Index: 5, Flags: upMC, Addrs: pfx("172.18.0.1/16")},
	{Name: "veth12ab", Index: 6, Flags: upMC, Addrs: pfx("fe80::2/64")},
	{Name: "tun0", Index: 7, Flags: net.FlagUp | net.FlagPointToPoint | net.FlagMulticast, Addrs: pfx("10.8.0.2/24")},
	{Name: "wg0", Index: 8, Flags: upMC, Addrs: pfx("10.9.0.2/24")},
	{Name: "utun3", Index: 9, Flags: upMC, Addrs: pfx("fe80::3/64")},
	{Name: "virbr0", Index: 10, Flags: upMC, Addrs: pfx("192.168.122.1/24")},
	{Name: "zt7nnig26", Index: 11, Flags: upMC, Addrs: pfx("10.147.17.4/24")},
	{Name: "tap0", Index: 12, Flags: upMC, Addrs: pfx("10.10.0.1/24")},
	{Name: "eth1", Index: 13, Flags: net.FlagMulticast, Addrs: pfx("192.168.50.2/24")},              // down
	{Name: "eth2", Index: 14, Flags: net.FlagUp, Addrs: pfx("192.168.60.2/24")},                     // no multicast
	{Name: "eth3", Index: 15, Flags: upMC, Addrs: pfx("203.0.113.7/24")},                            // public only
	{Name: "en0", Index: 16, Flags: upMC, Addrs: pfx("172.31.255.254/12", "::ffff:172.20.0.9/108")}, // 172.16/12 edge
}

func TestSelectInterfaces(t *testing.T) {
	tests := []struct {
		name string
		in   []Iface
		want []string
	}{
		{"laptop", laptop, []string{"wlp2s0", "enp0s31f6", "en0"}},
		{"nothing", nil, nil},
		{"ipv6 ula only", []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("fd00::1/64")}}, []string{"eth0"}},
		{"ipv6 link-local only", []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("fe80::1/64")}}, []string{"eth0"}},
		{"172.32 is public", []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("172.32.0.1/16")}}, nil},
		{"windows hyper-v", []Iface{{Name: "vEthernet (WSL)", Index: 2, Flags: upMC, Addrs: pfx("172.22.0.1/20")}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(SelectInterfaces(tc.in)); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSelectNamedOverridesFilters(t *testing.T) {
	got := names(SelectNamed(laptop, []string{"veth12ab", "missing", "docker0", "eth1", "veth12ab"}))
	want := []string{"veth12ab", "docker0"} // eth1 is down, missing is absent, no duplicates
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestLANAddrsOrder(t *testing.T) {
	var got []string
	for _, a := range LANAddrs(laptop) {
		got = append(got, a.String())
	}
	want := []string{"192.168.1.23", "10.20.0.5", "172.31.255.254", "172.20.0.9", "fd12::5", "2001:db8::23"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	public := []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("203.0.113.7/24", "192.168.0.9/24", "169.254.3.3/16")}}
	got = nil
	for _, a := range LANAddrs(public) {
		got = append(got, a.String())
	}
	if want := []string{"192.168.0.9", "203.0.113.7"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v (private first, link-local dropped)", got, want)
	}
}

func TestHostAddrsPreferRoutableV6(t *testing.T) {
	v4, v6 := hostAddrs(laptop[1])
	if len(v4) != 1 || v4[0].String() != "192.168.1.23" {
		t.Fatalf("got v4 %v, want [192.168.1.23]", v4)
	}
	if len(v6) != 1 || v6[0].String() != "2001:db8::23" {
		t.Fatalf("got v6 %v, want [2001:db8::23]", v6)
	}
	_, v6 = hostAddrs(Iface{Addrs: pfx("fe80::9/64")})
	if len(v6) != 1 || v6[0].String() != "fe80::9" {
		t.Fatalf("got v6 %v, want [fe80::9] when only link-local exists", v6)
	}
}

func TestNextName(t *testing.T) {
	for attempt, want := range map[int]string{0: "codelabs", 1: "codelabs", 2: "codelabs-2", 3: "codelabs-3", 12: "codelabs-12"} {
		if got := NextName("codelabs", attempt); got != want {
			t.Fatalf("NextName(codelabs, %d): got %q, want %q", attempt, got, want)
		}
	}
}

func TestHostLabel(t *testing.T) {
	for in, want := range map[string]string{
		"codelabs":           "codelabs",
		"Go Workshop!":       "go-workshop",
		"  --Déjà vu 2025--": "d-j-vu-2025",
		"codelabs.local":     "codelabs-local",
		"!!!":                "",
	} {
		if got := HostLabel(in); got != want {
			t.Fatalf("HostLabel(%q): got %q, want %q", in, got, want)
		}
	}
	long := HostLabel("a-very-long-workshop-name-that-goes-on-and-on-and-on-forever-and-ever")
	if len(long) > maxLabel || long[len(long)-1] == '-' {
		t.Fatalf("got %q (%d bytes), want at most %d bytes not ending in '-'", long, len(long), maxLabel)
	}
}

func TestFingerprintChangesWithAddress(t *testing.T) {
	a := []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("192.168.1.2/24", "fe80::1/64")}}
	b := []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("fe80::1/64", "192.168.1.2/24")}}
	c := []Iface{{Name: "eth0", Index: 2, Flags: upMC, Addrs: pfx("10.0.0.2/24", "fe80::1/64")}}
	if fingerprint(a) != fingerprint(b) {
		t.Fatalf("got different fingerprints for the same addresses in another order, want equal")
	}
	if fingerprint(a) == fingerprint(c) {
		t.Fatalf("got equal fingerprints after an address change, want different")
	}
}

// TestInstanceNameRoundTrip checks that the escaped instance label packs to
// the plain UTF-8 text and unpacks back to the same string zeroconf compares.
func TestInstanceNameRoundTrip(t *testing.T) {
	inst := instanceName("Go. Workshop (Paris)", 2)
	fqdn := inst + "._http._tcp.local."
	m := new(dns.Msg)
	m.SetQuestion(fqdn, dns.TypeSRV)
	buf, err := m.Pack()
	if err != nil {
		t.Fatalf("pack: %v", err)
	}
	var back dns.Msg
	if err := back.Unpack(buf); err != nil {
		t.Fatalf("unpack: %v", err)
	}
	if got := back.Question[0].Name; got != fqdn {
		t.Fatalf("got %q, want %q", got, fqdn)
	}
	labels := dns.SplitDomainName(fqdn)
	if len(labels) != 4 {
		t.Fatalf("got %d labels in %q, want 4 (the dot in the name must stay inside the label)", len(labels), fqdn)
	}
	if got, want := unescapeLabel(inst), "Open Codelabs – Go. Workshop (Paris) (2)"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// unescapeLabel reverses miekg/dns presentation escaping (\DDD and \c).
func unescapeLabel(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b = append(b, s[i])
			continue
		}
		if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			b = append(b, (s[i+1]-'0')*100+(s[i+2]-'0')*10+(s[i+3]-'0'))
			i += 3
			continue
		}
		b = append(b, s[i+1])
		i++
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func TestOnlyAddr(t *testing.T) {
	pfx := netip.MustParsePrefix
	sel := []Iface{
		{Name: "wlan0", Index: 2, Addrs: []netip.Prefix{pfx("192.168.1.5/24"), pfx("192.168.1.6/24")}},
		{Name: "eth0", Index: 3, Addrs: []netip.Prefix{pfx("10.0.0.2/8")}},
	}
	if got := OnlyAddr(sel, netip.Addr{}); len(got) != 2 || len(got[0].Addrs) != 2 {
		t.Fatalf("got %+v, want the selection unchanged without an address", got)
	}
	got := OnlyAddr(sel, netip.MustParseAddr("192.168.1.6"))
	if len(got) != 1 || got[0].Name != "wlan0" || len(got[0].Addrs) != 1 || got[0].Addrs[0] != pfx("192.168.1.6/24") {
		t.Fatalf("got %+v, want wlan0 with only 192.168.1.6", got)
	}
	if len(sel[0].Addrs) != 2 {
		t.Fatalf("OnlyAddr changed its input: %+v", sel[0])
	}
	if got := OnlyAddr(sel, netip.MustParseAddr("172.16.0.1")); len(got) != 0 {
		t.Fatalf("got %+v, want nothing for an address no interface has", got)
	}
}
