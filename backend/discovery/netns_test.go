//go:build linux

package discovery

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The netns test runs each side of the LAN in its own network namespace,
// joined by a veth pair, so multicast never touches the machine's real
// interfaces. Each side is this test binary re-executed inside the
// namespace (the Go helper-process pattern), selected by roleEnv.
const (
	roleEnv  = "OCL_DISCOVERY_ROLE"
	portEnv  = "OCL_DISCOVERY_PORT"
	ipA      = "10.77.0.1"
	ipA2     = "10.77.0.3" // added to side A mid-test, as if it changed networks
	ipB      = "10.77.0.2"
	ifA      = "vethA"
	ifB      = "vethB"
	testName = "codelabs-test"
)

func TestDiscoveryNetns(t *testing.T) {
	if os.Getenv(roleEnv) != "" {
		t.Skip("inside a helper process")
	}
	if os.Geteuid() != 0 {
		t.Skip("skipping: needs root to create network namespaces (run the tests as root)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("skipping: needs the ip command from iproute2")
	}
	pid := os.Getpid()
	nsA, nsB := fmt.Sprintf("ocl-a-%d", pid), fmt.Sprintf("ocl-b-%d", pid)
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

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	adv := startHelper(t, ctx, nsA, "advertiser", nil)
	ready := adv.waitFor(t, "READY ", 20*time.Second)
	fields := strings.Fields(ready)
	if len(fields) != 3 || fields[2] != testName+".local" {
		t.Fatalf("got advertiser line %q, want READY <port> %s.local", ready, testName)
	}
	port := fields[1]

	browser := startHelper(t, ctx, nsB, "browser", []string{portEnv + "=" + port})
	browser.waitFor(t, "MOVE?", 60*time.Second)
	if _, err := io.WriteString(adv.stdin, "move\n"); err != nil {
		t.Fatalf("tell advertiser to move: %v", err)
	}
	adv.waitFor(t, "MOVED", 20*time.Second)
	if _, err := io.WriteString(browser.stdin, "go\n"); err != nil {
		t.Fatalf("tell browser to go on: %v", err)
	}
	browser.waitFor(t, "ARMED", 30*time.Second)
	// Closing stdin asks side A to shut down cleanly, which sends goodbyes.
	adv.stdin.Close()
	if err := adv.wait(20 * time.Second); err != nil {
		t.Fatalf("advertiser: %v\n%s", err, adv.output())
	}
	if err := browser.wait(60 * time.Second); err != nil {
		t.Fatalf("browser side failed: %v\n%s", err, browser.output())
	}
	t.Logf("advertiser side:\n%s\nbrowser side:\n%s", adv.output(), browser.output())
}

func mustIP(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// helper is one side of the test running in a namespace.
type helper struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string
	exited chan error

	mu       sync.Mutex
	out      bytes.Buffer
	finished bool
	err      error
}

func startHelper(t *testing.T, ctx context.Context, ns, role string, env []string) *helper {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("test executable: %v", err)
	}
	run := "^TestHelperAdvertiser$"
	if role == "browser" {
		run = "^TestHelperBrowser$"
	}
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", ns, exe, "-test.run="+run, "-test.v", "-test.timeout=100s")
	cmd.Env = append(append(os.Environ(), roleEnv+"="+role), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatalf("stdin pipe: %v", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("pipe: %v", err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	h := &helper{cmd: cmd, stdin: stdin, lines: make(chan string, 256), exited: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s helper: %v", role, err)
	}
	w.Close()
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			h.mu.Lock()
			h.out.WriteString(sc.Text() + "\n")
			h.mu.Unlock()
			select {
			case h.lines <- sc.Text():
			default:
			}
		}
		close(h.lines)
		r.Close()
	}()
	go func() { h.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// Kill only our own helper, by its process, if it is still running.
		if err := h.wait(0); err == errStillRunning {
			_ = cmd.Process.Kill()
			_ = h.wait(10 * time.Second)
		}
	})
	return h
}

var errStillRunning = fmt.Errorf("helper still running")

func (h *helper) output() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.out.String()
}

// waitFor returns the first output line starting with prefix.
func (h *helper) waitFor(t *testing.T, prefix string, timeout time.Duration) string {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		select {
		case line, ok := <-h.lines:
			if !ok {
				t.Fatalf("helper ended before printing %q:\n%s", prefix, h.output())
			}
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-deadline.C:
			t.Fatalf("got no %q line within %v:\n%s", prefix, timeout, h.output())
		}
	}
}

// wait returns the helper's exit error, or errStillRunning if it has not
// exited within timeout (0 means just look).
func (h *helper) wait(timeout time.Duration) error {
	h.mu.Lock()
	if h.finished {
		defer h.mu.Unlock()
		return h.err
	}
	h.mu.Unlock()
	record := func(err error) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.finished, h.err = true, err
		return err
	}
	if timeout <= 0 {
		select {
		case err := <-h.exited:
			return record(err)
		default:
			return errStillRunning
		}
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-h.exited:
		return record(err)
	case <-t.C:
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
