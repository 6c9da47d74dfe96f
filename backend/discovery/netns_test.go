//go:build linux

package discovery

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The two sides of the test LAN, and what the helper processes are told.
const (
	roleEnv  = "OCL_DISCOVERY_ROLE"
	portEnv  = "OCL_DISCOVERY_PORT"
	ipA      = "10.77.0.1"
	ipA2     = "10.77.0.3" // added to side A mid-test, as if it changed networks
	ipA3     = "10.77.0.4" // added by the pure-discovery helper at the end
	ipB      = "10.77.0.2"
	ifA      = "vethA"
	ifB      = "vethB"
	testName = "codelabs-test"
)

// TestDiscoveryNetns runs the real server binary on one side of a LAN and
// an attendee's machine on the other, each in its own network namespace,
// joined by a veth pair, so multicast never touches the machine's real
// interfaces. Side A is the opencodelabs binary, built once for the test;
// side B is this test binary re-executed inside namespace B (the Go
// helper-process pattern, selected by roleEnv), plus a second server for
// the name collision.
func TestDiscoveryNetns(t *testing.T) {
	if os.Getenv(roleEnv) != "" {
		t.Skip("inside a helper process")
	}
	if testing.Short() {
		t.Skip("skipping in -short mode: builds the server and runs two namespaces for about 14 s (make test runs it)")
	}
	if os.Geteuid() != 0 {
		t.Skip("skipping: needs root to create network namespaces (run the tests as root)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("skipping: needs the ip command from iproute2")
	}
	bin := buildServer(t)
	nsA, nsB := makeLAN(t)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	// Side A: the real server, mDNS limited to its veth.
	srvA := startServer(t, ctx, nsA, bin, ipA)
	port := srvA.port
	srvA.wantURLs(t, "http://"+ipA+":"+port+"/", "http://"+testName+".local:"+port+"/")

	browser := startProc(t, ctx, "browser", testHelper(ctx, nsB, "^TestHelperBrowser$", "browser", portEnv+"="+port))

	// A second facilitator in the same room asks for the same name: the
	// first keeps it, the second backs off to NAME-2.
	browser.waitFor(t, "COLLIDE?", 40*time.Second)
	srvB := startServer(t, ctx, nsB, bin, ipB)
	if want := fmt.Sprintf("serving workshop %q", testName+"-2"); !strings.Contains(srvB.banner, want) {
		t.Fatalf("got banner %q from the second server, want it %s", srvB.banner, want)
	}
	srvB.wantURLs(t, "http://"+ipB+":"+srvB.port+"/", "http://"+testName+"-2.local:"+srvB.port+"/")
	tell(t, browser, "go "+srvB.port)
	browser.waitFor(t, "COLLIDED", 20*time.Second)
	srvB.stop(t)

	// Side A gains an address, as if the laptop joined another network;
	// the server's watcher re-registers (its log says so) and B then
	// resolves both addresses.
	browser.waitFor(t, "MOVE?", 20*time.Second)
	srvA.skipSeen() // only a change logged after the move counts
	mustIP(t, "-n", nsA, "addr", "add", ipA2+"/24", "dev", ifA)
	srvA.waitLog(t, `msg="network changed`, 20*time.Second)
	srvA.waitLog(t, `msg="mdns advertising"`, 20*time.Second)
	tell(t, browser, "go")

	// Goodbyes: B arms a listener, A stops on SIGTERM, B sees TTL 0 records
	// and then finds nothing.
	browser.waitFor(t, "ARMED", 20*time.Second)
	srvA.stop(t)
	if err := browser.wait(40 * time.Second); err != nil {
		t.Fatalf("browser side failed: %v\n%s", err, browser.output())
	}
	t.Logf("server A:\n%s\nbrowser side:\n%s", srvA.output(), browser.output())

	// The discovery package on its own: Status and OnChange follow an
	// address change (the server cannot show them), and Close stops it.
	adv := startProc(t, ctx, "advertiser", testHelper(ctx, nsA, "^TestHelperAdvertiser$", "advertiser"))
	if err := adv.wait(30 * time.Second); err != nil {
		t.Fatalf("advertiser helper failed: %v\n%s", err, adv.output())
	}
}

// buildServer builds the opencodelabs binary once for this test.
func buildServer(t *testing.T) string {
	t.Helper()
	// go test puts its own GOROOT/bin first on PATH, so "go" is the same toolchain.
	goBin := "go"
	bin := filepath.Join(t.TempDir(), "opencodelabs")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, goBin, "build", "-o", bin, "github.com/opencodelabs/desktop").CombinedOutput()
	if err != nil {
		t.Fatalf("go build the server: %v\n%s", err, out)
	}
	return bin
}

// makeLAN creates two namespaces joined by vethA/vethB and deletes them
// when the test ends, whatever happens.
func makeLAN(t *testing.T) (nsA, nsB string) {
	t.Helper()
	pid := os.Getpid()
	nsA, nsB = fmt.Sprintf("ocl-a-%d", pid), fmt.Sprintf("ocl-b-%d", pid)
	for _, ns := range []string{nsA, nsB} {
		if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
			t.Skipf("skipping: cannot create network namespace %s: %v: %s", ns, err, out)
		}
		t.Cleanup(func() {
			if out, err := exec.Command("ip", "netns", "del", ns).CombinedOutput(); err != nil {
				t.Errorf("ip netns del %s: %v: %s", ns, err, out)
			}
		})
	}
	// Both ends are created directly inside their namespaces, so no
	// interface ever appears in the root namespace.
	mustIP(t, "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB)
	for _, side := range []struct{ ns, dev, cidr string }{{nsA, ifA, ipA + "/24"}, {nsB, ifB, ipB + "/24"}} {
		mustIP(t, "-n", side.ns, "link", "set", "lo", "up")
		mustIP(t, "-n", side.ns, "addr", "add", side.cidr, "dev", side.dev)
		mustIP(t, "-n", side.ns, "link", "set", side.dev, "up")
		mustIP(t, "-n", side.ns, "route", "add", "224.0.0.0/4", "dev", side.dev)
	}
	return nsA, nsB
}

func mustIP(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

func tell(t *testing.T, p *proc, line string) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		t.Fatalf("tell %s %q: %v", p.name, line, err)
	}
}

// testHelper re-executes this test binary in ns, running one helper test.
func testHelper(ctx context.Context, ns, run, role string, env ...string) *exec.Cmd {
	exe, _ := os.Executable()
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", ns, exe, "-test.run="+run, "-test.v", "-test.timeout=80s")
	cmd.Env = append(append(os.Environ(), roleEnv+"="+role), env...)
	return cmd
}

// server is a running opencodelabs binary and what it printed at start.
type server struct {
	*proc
	banner string   // "Open Codelabs VERSION serving workshop "NAME""
	urls   []string // attendee URLs, in order
	port   string
}

// startServer runs the binary in ns bound to ip, mDNS on that side's veth,
// and reads its start-up lines up to the admin URL (printed last).
func startServer(t *testing.T, ctx context.Context, ns, bin, ip string) *server {
	t.Helper()
	dev := ifA
	if ip == ipB {
		dev = ifB
	}
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", ns, bin,
		"--addr", ":0", "--name", testName, "--mdns-interfaces", dev, "--data-dir", t.TempDir())
	// `ip netns exec` execs the binary in place, so cmd.Process is the
	// server itself and SIGTERM reaches it.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "OPENCODELABS_") })
	s := &server{proc: startProc(t, ctx, "server in "+ns, cmd)}
	s.banner = s.waitFor(t, "Open Codelabs ", 20*time.Second)
	for {
		line := s.waitFor(t, "  ", 10*time.Second)
		if u, ok := strings.CutPrefix(line, "  attendee URL: "); ok {
			s.urls = append(s.urls, u)
			continue
		}
		if u, ok := strings.CutPrefix(line, "  admin URL: "); ok {
			pu, err := url.Parse(u)
			if err != nil || pu.Hostname() != "127.0.0.1" || pu.Port() == "" {
				t.Fatalf("got admin URL %q (err %v), want http://127.0.0.1:PORT/admin/...", u, err)
			}
			s.port = pu.Port()
			if n, err := strconv.Atoi(s.port); err != nil || n == 0 {
				t.Fatalf("got port %q in the admin URL, want a bound port", s.port)
			}
			return s
		}
	}
}

// wantURLs checks the attendee URL lines: the named interface's IP, then the .local
// name, which is printed only when mDNS runs.
func (s *server) wantURLs(t *testing.T, want ...string) {
	t.Helper()
	if !slices.Equal(s.urls, want) {
		t.Fatalf("got attendee URLs %q, want %q\n%s", s.urls, want, s.output())
	}
}

// stop sends SIGTERM (the server then says goodbye on mDNS) and wants a
// clean exit with status 0.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM %s: %v", s.name, err)
	}
	err := s.wait(15 * time.Second)
	if errors.Is(err, errStillRunning) {
		t.Fatalf("%s still running 15s after SIGTERM:\n%s", s.name, s.output())
	}
	if code := s.cmd.ProcessState.ExitCode(); err != nil || code != 0 {
		t.Fatalf("%s: got exit code %d (%v), want 0\n%s", s.name, code, err, s.output())
	}
}

// proc is a child process whose stdout and stderr are read line by line.
type proc struct {
	name   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	exited chan error
	next   int // index of the first line waitFor has not looked at

	mu       sync.Mutex
	lines    []string
	eof      bool
	grew     chan struct{} // closed and replaced when lines grow or end
	finished bool
	err      error
}

func startProc(t *testing.T, ctx context.Context, name string, cmd *exec.Cmd) *proc {
	t.Helper()
	p := &proc{name: name, cmd: cmd, exited: make(chan error, 1), grew: make(chan struct{})}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatalf("stdin pipe: %v", err)
	}
	p.stdin = stdin
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("pipe: %v", err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	w.Close()
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			p.add(sc.Text(), false)
		}
		p.add("", true)
		r.Close()
	}()
	go func() { p.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// Kill only our own process, by its PID, if it is still running.
		if err := p.wait(0); errors.Is(err, errStillRunning) {
			_ = cmd.Process.Kill()
			_ = p.wait(10 * time.Second)
		}
	})
	return p
}

func (p *proc) add(line string, eof bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if eof {
		p.eof = true
	} else {
		p.lines = append(p.lines, line)
	}
	close(p.grew)
	p.grew = make(chan struct{})
}

var errStillRunning = errors.New("process still running")

func (p *proc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.lines, "\n")
}

// waitFor returns the next output line starting with prefix, after those
// already looked at.
func (p *proc) waitFor(t *testing.T, prefix string, timeout time.Duration) string {
	t.Helper()
	return p.await(t, prefix, timeout, func(line string) bool { return strings.HasPrefix(line, prefix) })
}

// skipSeen makes later waits look only at lines printed from now on.
func (p *proc) skipSeen() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next = len(p.lines)
}

// waitLog is waitFor for a log line containing s anywhere.
func (p *proc) waitLog(t *testing.T, s string, timeout time.Duration) string {
	t.Helper()
	return p.await(t, s, timeout, func(line string) bool { return strings.Contains(line, s) })
}

func (p *proc) await(t *testing.T, what string, timeout time.Duration, match func(string) bool) string {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		p.mu.Lock()
		lines, eof, grew := p.lines, p.eof, p.grew
		p.mu.Unlock()
		for ; p.next < len(lines); p.next++ {
			if match(lines[p.next]) {
				p.next++
				return lines[p.next-1]
			}
		}
		if eof {
			t.Fatalf("%s ended before printing %q:\n%s", p.name, what, p.output())
		}
		select {
		case <-grew:
		case <-deadline.C:
			t.Fatalf("got no %q line from %s within %v:\n%s", what, p.name, timeout, p.output())
		}
	}
}

// wait returns the process's exit error, or errStillRunning if it has not
// exited within timeout (0 means just look).
func (p *proc) wait(timeout time.Duration) error {
	p.mu.Lock()
	if p.finished {
		defer p.mu.Unlock()
		return p.err
	}
	p.mu.Unlock()
	record := func(err error) error {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.finished, p.err = true, err
		return err
	}
	if timeout <= 0 {
		select {
		case err := <-p.exited:
			return record(err)
		default:
			return errStillRunning
		}
	}
	tm := time.NewTimer(timeout)
	defer tm.Stop()
	select {
	case err := <-p.exited:
		return record(err)
	case <-tm.C:
		return errStillRunning
	}
}

func envPort(t *testing.T) int {
	t.Helper()
	p, err := strconv.Atoi(os.Getenv(portEnv))
	if err != nil {
		t.Fatalf("bad %s: %v", portEnv, err)
	}
	return p
}
