package app

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/config"
	"github.com/opencodelabs/desktop/backend/server"
)

func newApp(t *testing.T) *App {
	t.Helper()
	cfg, err := config.Parse([]string{"--no-mdns", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()},
		func(string) string { return "" }, true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.Start(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return &App{srv: srv, log: slog.New(slog.DiscardHandler)}
}

// The window's backup and import go through these halves of the bindings:
// a backup downloaded to a file, then that file restored.
func TestDownloadThenUpload(t *testing.T) {
	b := newApp(t)
	resp, name, err := b.startDownload("/api/admin/backup")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".zip") {
		t.Errorf("got suggested name %q, want the server's .zip name", name)
	}
	path := filepath.Join(t.TempDir(), "backup.zip")
	if err := saveBody(resp.Body, path); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatalf("saved backup is not a zip: %v", err)
	}
	if _, err := os.Stat(path + ".part"); !os.IsNotExist(err) {
		t.Errorf("got a leftover .part file (%v), want it renamed", err)
	}
	body, err := b.uploadFrom("/api/admin/restore", path)
	if err != nil || !strings.Contains(body, `"restored"`) {
		t.Fatalf("restore: got %s %v, want a restored answer", body, err)
	}
	// A refusal comes back as the server's JSON error for the UI to show.
	bad := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(bad, []byte("not an archive"), 0o600)
	body, err = b.uploadFrom("/api/admin/restore", bad)
	if err != nil || !strings.Contains(body, `"invalid_backup"`) {
		t.Fatalf("bad restore: got %s %v, want the invalid_backup error", body, err)
	}
}

func TestTransferRefusesNonAPIPaths(t *testing.T) {
	b := newApp(t)
	if _, _, err := b.startDownload("/etc/passwd"); err == nil {
		t.Error("download of a non-API path: got nil error")
	}
	if _, err := b.uploadFrom("http://elsewhere/", "x"); err == nil {
		t.Error("upload to a non-API path: got nil error")
	}
	if _, _, err := b.startDownload("/api/admin/codelabs/nope/export"); err == nil || !strings.Contains(err.Error(), "not_found") {
		t.Errorf("download of a missing codelab: got %v, want the server's not_found", err)
	}
}
