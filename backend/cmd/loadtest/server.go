package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// serverProc is a server child started on a fresh data dir.
type serverProc struct {
	cmd     *exec.Cmd
	pid     int
	dataDir string
	base    string // http://127.0.0.1:PORT
	token   string
	stderr  *tailBuffer
	once    sync.Once
	exited  chan struct{}
}

// startServerEnv runs bin on 127.0.0.1 (port chosen by the OS, mDNS off) and
// waits for its admin URL line.
// args come first on the command line (the floor's "floor-server").
// env is added to the child's environment and errLog, if not nil, gets a
// copy of its stderr (the GC trace with -profile).
func startServerEnv(ctx context.Context, bin string, env []string, errLog io.Writer, args ...string) (*serverProc, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("server binary: %w (run `make build` or pass -bin)", err)
	}
	dir, err := os.MkdirTemp("", "ocl-loadtest-")
	if err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	cmd := exec.Command(bin, append(args, "--addr", "127.0.0.1:0", "--no-mdns", "--data-dir", dir)...)
	cmd.Env = append(append(os.Environ(), "OPENCODELABS_MDNS=off"), env...)
	setDeathSignal(cmd)
	s := &serverProc{cmd: cmd, dataDir: dir, stderr: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
	cmd.Stderr = s.stderr
	if errLog != nil {
		cmd.Stderr = io.MultiWriter(s.stderr, errLog)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("server stdout: %w", err)
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start server: %w", err)
	}
	s.pid = cmd.Process.Pid
	go func() { _ = cmd.Wait(); close(s.exited) }() // killed by stop: its exit status says nothing

	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if rest, ok := strings.CutPrefix(line, "admin URL: "); ok {
				select {
				case found <- rest:
				default:
				}
			}
		}
	}()
	select {
	case admin := <-found:
		base, token, err := parseAdminURL(admin)
		if err != nil || token == "" {
			s.stop()
			return nil, fmt.Errorf("server printed an admin URL without token: %q", admin)
		}
		s.base, s.token = base, token
		return s, nil
	case <-s.exited:
		s.stop()
		return nil, fmt.Errorf("server exited before printing its URL:\n%s", s.stderr.String())
	case <-time.After(20 * time.Second):
		s.stop()
		return nil, errors.New("server printed no admin URL within 20s")
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

// stop kills the child by PID, waits for it and removes its data dir.
func (s *serverProc) stop() {
	s.once.Do(func() {
		_ = s.cmd.Process.Kill() // fails only when it has already exited
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			fmt.Fprintf(os.Stderr, "loadtest: server pid %d did not exit after SIGKILL\n", s.pid)
		}
		os.RemoveAll(s.dataDir)
	})
}

func (s *serverProc) stderrTail() string { return s.stderr.String() }

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// rssSampler records a process's resident memory every period.
type rssSampler struct {
	quit chan struct{}
	done chan struct{}
	peak float64
	last float64
	once sync.Once
}

func startRSS(pid int, period time.Duration) *rssSampler {
	r := &rssSampler{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			if mb, err := readRSSMB(pid); err == nil {
				r.last = mb
				r.peak = max(r.peak, mb)
			}
			select {
			case <-t.C:
			case <-r.quit:
				return
			}
		}
	}()
	return r
}

// stop ends sampling and returns the peak and the last sample in MB.
func (r *rssSampler) stop() (peak, last float64) {
	r.once.Do(func() { close(r.quit) })
	<-r.done
	return r.peak, r.last
}

// wsURL turns the http base into the ws base.
func wsURL(base string) string {
	u, _ := url.Parse(base)
	u.Scheme = "ws"
	return u.String()
}
