package api_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// storageEnv is the real API on a data dir opened like the server does.
func storageEnv(t *testing.T, dir string) (*contentEnv, *store.Store) {
	t.Helper()
	st, err := store.OpenDataDir(context.Background(), filepath.Join(dir, "opencodelabs.db"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := api.New(api.Config{Store: st, Markdown: markdown.New(), AdminToken: adminToken, Version: "test", DataDir: dir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return &contentEnv{t: t, h: a, dir: dir}, st
}

func TestDamagedDatabaseRefusesAndRestoresFromAutomaticBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	e, st := storageEnv(t, dir)
	id, imgURL := seedWorkshop(t, e)
	name, err := store.NewAutoBackups(st, dir).Tick(ctx)
	if err != nil || name == "" {
		t.Fatalf("automatic backup: got %q, %v", name, err)
	}
	st.Close()
	dbPath := filepath.Join(dir, "opencodelabs.db")
	data, _ := os.ReadFile(dbPath)
	n := len(data) / 4096
	if n < 6 {
		t.Fatalf("database has %d pages, want a few more to corrupt one", n)
	}
	copy(data[(n/2)*4096:], bytes.Repeat([]byte{0xAB}, 4096))
	os.WriteFile(dbPath, data, 0o600)

	// A newer snapshot that was cut short is listed but not offered.
	os.WriteFile(filepath.Join(store.AutoDir(dir), "auto-29990101T000000Z.zip"), []byte("PK\x03\x04 cut short"), 0o600)

	e, st = storageEnv(t, dir)
	if st.Damage() == nil {
		t.Fatal("got a healthy store from a corrupted file, want the damaged state")
	}
	h := e.h
	for _, sc := range []scenario{
		{name: "write refused", method: "POST", url: "/api/admin/codelabs", body: `{"title":"x"}`, admin: true, wantStatus: 503, wantIn: []string{`"database_damaged"`, "Restore a backup"}},
		{name: "admin read refused", method: "GET", url: "/api/admin/codelabs", admin: true, wantStatus: 503, wantIn: []string{`"database_damaged"`}},
		{name: "attendee read refused", method: "GET", url: "/api/codelabs/" + id, wantStatus: 503, wantIn: []string{`"database_damaged"`}},
		{name: "upload refused", method: "GET", url: "/" + imgURL, wantStatus: 503, wantIn: []string{`"database_damaged"`}},
		{name: "manual backup refused", method: "GET", url: "/api/admin/backup", admin: true, wantStatus: 503},
		{name: "health answers", method: "GET", url: "/api/health", wantStatus: 200},
		{name: "session answers", method: "GET", url: "/api/admin/session", admin: true, wantStatus: 200},
		{name: "status says damaged", method: "GET", url: "/api/admin/storage", admin: true, wantStatus: 200,
			wantIn: []string{`"damaged":true`, "quick_check", `"name":"` + name + `"`}, wantNotIn: []string{"2999"}},
		{name: "status needs the admin token", method: "GET", url: "/api/admin/storage", wantStatus: 401},
		{name: "backups listed", method: "GET", url: "/api/admin/backups", admin: true, wantStatus: 200, wantIn: []string{name, "auto-29990101T000000Z.zip"}},
		{name: "admin app still served", method: "GET", url: "/admin/", wantStatus: 200},
	} {
		sc.run(t, h)
	}

	m := decode(t, e.request("POST", "/api/admin/backups/"+name+"/restore", "", nil, true), 200)
	copyDir, _ := m["damaged_copy"].(string)
	if m["restored"] != true || !strings.HasPrefix(copyDir, "damaged-") {
		t.Fatalf("restore: got %v, want restored with the damaged file kept aside", m)
	}
	if kept, _ := os.ReadFile(filepath.Join(dir, copyDir, "opencodelabs.db")); !bytes.Equal(kept, data) {
		t.Errorf("damaged copy: got %d bytes, want the damaged file as it was (%d bytes)", len(kept), len(data))
	}
	scenario{name: "status healthy", method: "GET", url: "/api/admin/storage", admin: true, wantStatus: 200, wantIn: []string{`"damaged":false`}}.run(t, h)
	if st := e.steps(id); len(st) != 1 {
		t.Errorf("restored steps: got %v, want the one step", st)
	}
	if rec := e.request("GET", "/"+imgURL, "", nil, false); rec.Code != 200 {
		t.Errorf("restored image: got %d, want 200", rec.Code)
	}
	create(t, h, `{"title":"Writes work again"}`)
}

func TestRestoreAutomaticBackupByName(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	e, st := storageEnv(t, dir)
	id, _ := seedWorkshop(t, e)
	name, err := store.NewAutoBackups(st, dir).Tick(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rec := e.request("DELETE", "/api/admin/codelabs/"+id, "", nil, true); rec.Code != 204 {
		t.Fatalf("delete: %d", rec.Code)
	}
	os.WriteFile(filepath.Join(dir, "secret.zip"), []byte("x"), 0o600)
	for _, sc := range []scenario{
		{name: "climbing name", method: "POST", url: "/api/admin/backups/..%2Fsecret.zip/restore", admin: true, wantStatus: 404, wantIn: []string{`"not_found"`}},
		{name: "not an automatic backup name", method: "POST", url: "/api/admin/backups/secret.zip/restore", admin: true, wantStatus: 404},
		{name: "no such backup", method: "POST", url: "/api/admin/backups/auto-20000101T000000Z.zip/restore", admin: true, wantStatus: 404},
		{name: "needs the admin token", method: "POST", url: "/api/admin/backups/" + name + "/restore", wantStatus: 401},
		{name: "not from the LAN", method: "POST", url: "/api/admin/backups/" + name + "/restore", admin: true, remote: "192.168.1.20:4000", wantStatus: 403},
	} {
		sc.run(t, e.h)
	}
	m := decode(t, e.request("POST", "/api/admin/backups/"+name+"/restore", "", nil, true), 200)
	if pre, _ := m["pre_restore_backup"].(string); !strings.HasPrefix(pre, "backups/pre-restore-") {
		t.Errorf("restore: got %v, want a pre-restore backup", m)
	}
	if st := e.steps(id); len(st) != 1 {
		t.Errorf("after restoring %s: got %v, want the deleted codelab back", name, st)
	}
}

func TestDiskFullIsAClearError(t *testing.T) {
	e, st := storageEnv(t, t.TempDir())
	storetest.CapDatabase(t, st)
	scenario{name: "disk full", method: "POST", url: "/api/admin/codelabs", admin: true,
		body:       `{"title":"Big","description":"` + strings.Repeat("x", 15_000) + `"}`,
		wantStatus: 507, wantIn: []string{`"code":"disk_full"`, "disk", "is full"}}.run(t, e.h)
}
