package discovery

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Iface is a snapshot of one network interface. It is a plain value so the
// selection rules can be unit-tested with made-up interface lists.
type Iface struct {
	Name  string
	Index int
	Flags net.Flags
	Addrs []netip.Prefix
}

// virtualPrefixes name interfaces that are up and multicast-capable but are
// not the classroom LAN: container bridges, VM host-only nets, VPN tunnels,
// Apple peer-to-peer links. Advertising there would hand attendees an address
// they cannot reach.
var virtualPrefixes = []string{
	"docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "tun", "tap", "wg",
	"utun", "zt", "awdl", "llw", "anpi", "gif", "stf", "cni", "flannel", "cali",
	"vethernet", "ipsec", "ppp", "tailscale", "lxc", "lxd",
}

// virtualSubstrings catch Windows-style friendly names.
var virtualSubstrings = []string{"virtualbox", "vmware", "hyper-v", "loopback", "pseudo"}

func isVirtualName(name string) bool {
	n := strings.ToLower(name)
	for _, p := range virtualPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	for _, s := range virtualSubstrings {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// isPrivate4 reports RFC 1918 addresses (10/8, 172.16/12, 192.168/16).
func isPrivate4(a netip.Addr) bool { return a.Is4() && a.IsPrivate() }

// isLANv6 reports IPv6 unique-local (fc00::/7) and link-local addresses.
func isLANv6(a netip.Addr) bool {
	return a.Is6() && !a.Is4In6() && (a.IsPrivate() || a.IsLinkLocalUnicast())
}

func usable(f Iface) bool {
	return f.Flags&net.FlagUp != 0 && f.Flags&net.FlagMulticast != 0 && f.Flags&net.FlagLoopback == 0
}

// SelectInterfaces picks the interfaces to advertise on when the user named
// none: up, multicast-capable, not loopback, not a known virtual or VPN
// interface, and carrying a private IPv4 or an IPv6 ULA/link-local address.
func SelectInterfaces(all []Iface) []Iface {
	var out []Iface
	for _, f := range all {
		if !usable(f) || isVirtualName(f.Name) {
			continue
		}
		if slices.ContainsFunc(f.Addrs, func(p netip.Prefix) bool {
			a := p.Addr().Unmap()
			return isPrivate4(a) || isLANv6(a)
		}) {
			out = append(out, f)
		}
	}
	return out
}

// SelectNamed returns the interfaces listed in names (in that order) that
// exist and are up. An explicit list bypasses the name and address filters of
// SelectInterfaces, so a user (or a test on a veth pair) can force any link.
func SelectNamed(all []Iface, names []string) []Iface {
	var out []Iface
	for _, n := range names {
		i := slices.IndexFunc(all, func(f Iface) bool { return f.Name == n })
		if i >= 0 && all[i].Flags&net.FlagUp != 0 && !slices.ContainsFunc(out, func(f Iface) bool { return f.Name == n }) {
			out = append(out, all[i])
		}
	}
	return out
}

// LANAddrs lists the addresses attendees can use in URLs, from the
// interfaces SelectInterfaces picks: private IPv4 first, then other IPv4,
// then IPv6 ULA, then global IPv6. Link-local addresses are left out since
// a URL cannot carry their zone.
func LANAddrs(all []Iface) []netip.Addr { return AddrsOf(SelectInterfaces(all)) }

// AddrsOf orders the usable addresses of the given interfaces as LANAddrs does.
func AddrsOf(sel []Iface) []netip.Addr {
	var buckets [4][]netip.Addr
	for _, f := range sel {
		for _, p := range f.Addrs {
			a := p.Addr().Unmap()
			var b int
			switch {
			case a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsMulticast() || a.IsUnspecified():
				continue
			case isPrivate4(a):
				b = 0
			case a.Is4():
				b = 1
			case a.IsPrivate():
				b = 2
			default:
				b = 3
			}
			if !slices.Contains(buckets[b], a) {
				buckets[b] = append(buckets[b], a)
			}
		}
	}
	return slices.Concat(buckets[:]...)
}

// hostAddrs returns what the host-name responder answers for one interface:
// every IPv4 address, and global/ULA IPv6 or, lacking those, link-local IPv6.
// It matches what zeroconf puts beside its service answers, so both agree.
func hostAddrs(f Iface) (v4, v6 []netip.Addr) {
	var v6local []netip.Addr
	for _, p := range f.Addrs {
		a := p.Addr().Unmap()
		switch {
		case a.IsLoopback() || a.IsUnspecified() || a.IsMulticast():
		case a.Is4():
			v4 = append(v4, a)
		case a.IsLinkLocalUnicast():
			v6local = append(v6local, a)
		case a.IsGlobalUnicast():
			v6 = append(v6, a)
		}
	}
	if len(v6) == 0 {
		v6 = v6local
	}
	return v4, v6
}

// NextName returns the host label for a probe attempt: "codelabs" for the
// first, then "codelabs-2", "codelabs-3", … as RFC 6762 suggests.
func NextName(base string, attempt int) string {
	if attempt <= 1 {
		return base
	}
	return base + "-" + strconv.Itoa(attempt)
}

// maxLabel leaves room for a "-NN" suffix inside DNS's 63-byte label limit.
const maxLabel = 59

// HostLabel turns a workshop name into a DNS label: lower case, letters and
// digits kept, every other run replaced by one hyphen ("Go Workshop!" →
// "go-workshop"). It returns "" when nothing usable is left.
func HostLabel(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	s := b.String()
	if len(s) > maxLabel {
		s = strings.TrimRight(s[:maxLabel], "-")
	}
	return s
}

// SystemInterfaces reads the machine's interfaces with their addresses.
func SystemInterfaces() ([]Iface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("discovery: list interfaces: %w", err)
	}
	out := make([]Iface, 0, len(ifs))
	for _, ifi := range ifs {
		f := Iface{Name: ifi.Name, Index: ifi.Index, Flags: ifi.Flags}
		addrs, err := ifi.Addrs()
		if err != nil {
			return nil, fmt.Errorf("discovery: addresses of %s: %w", ifi.Name, err)
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(ipn.IP)
			if !ok {
				continue
			}
			ones, _ := ipn.Mask.Size()
			f.Addrs = append(f.Addrs, netip.PrefixFrom(ip.Unmap(), ones))
		}
		out = append(out, f)
	}
	return out, nil
}

// fingerprint summarises what matters for advertising, so the watcher can
// tell when the laptop changed networks.
func fingerprint(sel []Iface) string {
	var b strings.Builder
	for _, f := range sel {
		fmt.Fprintf(&b, "%s#%d#%d", f.Name, f.Index, f.Flags&(net.FlagUp|net.FlagMulticast))
		ps := slices.Clone(f.Addrs)
		slices.SortFunc(ps, func(x, y netip.Prefix) int { return strings.Compare(x.String(), y.String()) })
		for _, p := range ps {
			b.WriteString("|" + p.String())
		}
		b.WriteByte(';')
	}
	return b.String()
}

func netInterfaces(sel []Iface) []net.Interface {
	out := make([]net.Interface, len(sel))
	for i, f := range sel {
		out[i] = net.Interface{Index: f.Index, Name: f.Name, Flags: f.Flags}
	}
	return out
}

// OnlyAddr keeps, when want is valid, just the interfaces carrying want,
// each with want as its only address; otherwise it returns sel as is.
func OnlyAddr(sel []Iface, want netip.Addr) []Iface {
	if !want.IsValid() {
		return sel
	}
	var out []Iface
	for _, f := range sel {
		for _, p := range f.Addrs {
			if p.Addr().Unmap() == want.Unmap() {
				f.Addrs = []netip.Prefix{p}
				out = append(out, f)
				break
			}
		}
	}
	return out
}
