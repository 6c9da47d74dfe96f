package server

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStartRefusesAnUnwritableDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	cfg := testConfig(t, "127.0.0.1:0")
	cfg.DataDir = filepath.Join(file, "data")
	s, err := Start(context.Background(), cfg, nil, nil)
	if err == nil {
		s.Shutdown(context.Background())
		t.Fatal("Start: got a server, want an error")
	}
	if !strings.Contains(err.Error(), cfg.DataDir) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Start: got %q, want the folder %s and the reason", err, cfg.DataDir)
	}
}

func TestZeroByteDatabaseStartsDamaged(t *testing.T) {
	cfg := testConfig(t, "127.0.0.1:0")
	db := filepath.Join(cfg.DataDir, "opencodelabs.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, cfg)
	post := func(path, body string) (int, string) {
		req, _ := http.NewRequest("POST", s.APIBase()+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+s.AdminToken())
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := post("/api/admin/codelabs", `{"title":"x"}`); code != 503 || !strings.Contains(body, `"database_damaged"`) {
		t.Errorf("create codelab: got %d %s, want 503 database_damaged", code, body)
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Errorf("the 0-byte file: got %v %v, want it left as it was", fi.Size(), err)
	}
}
