package crashtest

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestSecondServerOnOneDataDir: a second headless server on a data dir in
// use exits non-zero and names the running server's URL, instead of moving
// to the next port and sharing the database.
func TestSecondServerOnOneDataDir(t *testing.T) {
	dir := t.TempDir()
	first := startServer(t, dir, "127.0.0.1:0")
	bin, err := buildServer()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--addr", "127.0.0.1:0", "--no-mdns", "--data-dir", dir)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 || exit.ExitCode() == -1 {
		t.Fatalf("second server: got %v, want a non-zero exit; output:\n%s", err, out)
	}
	msg := string(out)
	if !strings.Contains(msg, "already using the data folder") || !strings.Contains(msg, first.base+"/") {
		t.Fatalf("second server said %q; want it to name the running server %s/", msg, first.base)
	}
	if strings.Contains(msg, "admin URL") {
		t.Fatalf("second server printed URLs as if it served: %q", msg)
	}
	// The first one still serves.
	call(t, "GET", first.base+"/api/health", "", nil, nil, 200)
}
