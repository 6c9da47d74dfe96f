// Package crashtest kills the real server binary with SIGKILL in the middle
// of a live workshop and checks, after a restart on the same data dir,
// that nothing acknowledged was lost and nothing was doubled (docs/realtime.md,
// "Ordering and durability"). It contains only tests.
package crashtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// adminToken is passed through OPENCODELABS_ADMIN_TOKEN so it survives the
// restart.
const adminToken = "c7a5e0d1b2f34a5b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"

// binDir holds the server binary built for this test run.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildServer compiles the real server once per test binary.
var buildServer = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ocl-crashtest-bin-")
	if err != nil {
		return "", fmt.Errorf("temp dir: %w", err)
	}
	binDir = dir
	bin := filepath.Join(dir, "ocl")
	// go test puts its own GOROOT/bin first on PATH, so "go" is the same toolchain.
	cmd := exec.Command("go", "build", "-o", bin, "github.com/opencodelabs/desktop")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
})

// server is one run of the binary.
type server struct {
	t      *testing.T
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	port   string
	exited chan struct{}
	stderr *bytes.Buffer
	mu     sync.Mutex
}

// startServer runs the binary on dataDir at addr (127.0.0.1 only, mDNS
// off) and waits for the admin URL line. It is killed in t.Cleanup.
func startServer(t *testing.T, dataDir, addr string) *server {
	t.Helper()
	bin, err := buildServer()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--addr", addr, "--no-mdns", "--data-dir", dataDir)
	cmd.Env = append(os.Environ(), "OPENCODELABS_ADMIN_TOKEN="+adminToken, "OPENCODELABS_MDNS=off")
	s := &server{t: t, cmd: cmd, exited: make(chan struct{}), stderr: &bytes.Buffer{}}
	cmd.Stderr = lockedWriter{&s.mu, s.stderr}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("stdout pipe: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start server: %v", err)
	}
	go func() { cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.kill)

	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "admin URL: "); ok {
				select {
				case found <- rest:
				default:
				}
			}
		}
	}()
	select {
	case admin := <-found:
		u, err := url.Parse(admin)
		if err != nil || u.Hostname() != "127.0.0.1" {
			t.Fatalf("admin URL %q: want a 127.0.0.1 URL (err %v)", admin, err)
		}
		if !strings.Contains(u.Fragment, "token="+adminToken) {
			t.Fatalf("admin URL %q does not carry OPENCODELABS_ADMIN_TOKEN", admin)
		}
		s.base, s.port = "http://"+u.Host, u.Port()
	case <-s.exited:
		t.Fatalf("server exited before printing its URL:\n%s", s.stderrText())
	case <-time.After(20 * time.Second):
		t.Fatalf("no admin URL within 20s:\n%s", s.stderrText())
	}
	return s
}

// kill sends SIGKILL (no shutdown, no flush) and waits for the exit.
func (s *server) kill() {
	s.cmd.Process.Kill()
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.t.Errorf("server pid %d still running 10s after SIGKILL", s.cmd.Process.Pid)
	}
}

func (s *server) stderrText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stderr.String()
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// call sends a JSON request with a bearer token and decodes the answer.
func call(t *testing.T, method, u, token string, body, out any, want int) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: got status %d, want %d: %s", method, u, resp.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decode %q: %v", method, u, data, err)
		}
	}
}

// apiAttendee is the part of the attendee object the test checks.
type apiAttendee struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	CurrentStep    int    `json:"current_step"`
	CompletedSteps []int  `json:"completed_steps"`
}

func attendees(t *testing.T, s *server, codelab string) map[string]apiAttendee {
	t.Helper()
	var list []apiAttendee
	call(t, "GET", s.base+"/api/admin/codelabs/"+codelab+"/attendees", adminToken, nil, &list, http.StatusOK)
	out := map[string]apiAttendee{}
	for _, a := range list {
		out[a.ID] = a
	}
	return out
}

// historyMsg is one chat event from GET .../messages.
type historyMsg struct {
	Type string `json:"type"`
	Seq  int64  `json:"seq"`
	Text string `json:"text"`
	From struct {
		ID string `json:"id"`
	} `json:"from"`
}

// messages pages through the whole message history.
func messages(t *testing.T, s *server, codelab string) []historyMsg {
	t.Helper()
	var all []historyMsg
	since := int64(0)
	for range 100 {
		var page struct {
			Messages  []historyMsg `json:"messages"`
			NextSince int64        `json:"next_since"`
			More      bool         `json:"more"`
		}
		call(t, "GET", fmt.Sprintf("%s/api/admin/codelabs/%s/messages?since=%d&limit=500", s.base, codelab, since),
			adminToken, nil, &page, http.StatusOK)
		all = append(all, page.Messages...)
		if !page.More {
			return all
		}
		since = page.NextSince
	}
	t.Fatal("message history did not end after 100 pages")
	return nil
}
