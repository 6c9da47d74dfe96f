package api_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/store"
	_ "modernc.org/sqlite"
)

// outsideName points from uploads/materials/ to a file beside the data dir.
const outsideName = "../../../outside.txt"

// plantOutside writes the file an attack aims at and returns its path.
func plantOutside(t *testing.T, dataDir string) string {
	t.Helper()
	p := filepath.Join(dataDir, "..", "outside.txt")
	if err := os.WriteFile(p, []byte("secret outside the data dir"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func assertOutsideIntact(t *testing.T, p string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil || string(b) != "secret outside the data dir" {
		t.Fatalf("outside file: got %q, %v; want it untouched", b, err)
	}
}

// rewriteBackupDB runs sqlText on the archive's database.sqlite and
// recomputes the manifest, as an attacker would.
func rewriteBackupDB(t *testing.T, archive []byte, sqlText string) []byte {
	t.Helper()
	files := unzip(t, archive)
	dbPath := filepath.Join(t.TempDir(), "evil.sqlite")
	if err := os.WriteFile(dbPath, files["database.sqlite"], 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(sqlText); err != nil {
		t.Fatal(err)
	}
	db.Close()
	evil, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	files["database.sqlite"] = evil
	var man map[string]any
	json.Unmarshal(files["manifest.json"], &man)
	for _, f := range man["files"].([]any) {
		entry := f.(map[string]any)
		if entry["path"] == "database.sqlite" {
			sum := sha256.Sum256(evil)
			entry["size"], entry["sha256"] = len(evil), hex.EncodeToString(sum[:])
		}
	}
	files["manifest.json"], _ = json.Marshal(man)
	return zipOf(t, files)
}

func TestRestoreRefusesStoredPathOutsideFolder(t *testing.T) {
	e := newContentEnv(t)
	id, _ := seedWorkshop(t, e)
	outside := plantOutside(t, e.dir)
	good := e.backup()
	for _, tc := range []struct{ name, sql string }{
		{"material file name climbs out", `UPDATE materials SET file_name = '` + outsideName + `' WHERE kind = 'file'`},
		{"material file name absolute", `UPDATE materials SET file_name = '` + outside + `' WHERE kind = 'file'`},
		{"upload name climbs out", `UPDATE uploads SET name = '../outside.txt'`},
		{"upload name with a backslash", `UPDATE uploads SET name = '..\outside.txt'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evil := rewriteBackupDB(t, good, tc.sql)
			m := decode(t, e.postFile("/api/admin/restore", "evil.zip", evil), 400)
			msg, _ := m["error"].(map[string]any)["message"].(string)
			if errorCode(m) != "invalid_backup" || !strings.Contains(msg, "file name") || !strings.Contains(msg, "Nothing was changed") {
				t.Fatalf("got %v, want invalid_backup naming the file name and saying nothing changed", m)
			}
		})
	}
	assertOutsideIntact(t, outside)
	// Nothing changed: the material still downloads its own file, not the outside one.
	var list []map[string]any
	json.Unmarshal(e.request("GET", "/api/codelabs/"+id+"/materials", "", nil, false).Body.Bytes(), &list)
	if len(list) != 1 {
		t.Fatalf("materials after refusal: got %v, want the one material", list)
	}
	if rec := e.request("GET", "/"+list[0]["download_url"].(string), "", nil, false); rec.Body.String() != "my notes" {
		t.Errorf("download after refusal: got %d %q, want my notes", rec.Code, rec.Body.String())
	}
	if entries, _ := os.ReadDir(filepath.Join(e.dir, "backups")); len(entries) != 0 {
		t.Errorf("got %d pre-restore backups, want none (refused before anything started)", len(entries))
	}
}

func TestBadStoredNameNeverLeavesItsFolder(t *testing.T) {
	a, st := newAPI(t)
	e := &contentEnv{t: t, h: a, dir: filepath.Dir(st.Path())}
	id := create(t, e.h, `{"title":"T","is_public":true}`)
	outside := plantOutside(t, e.dir)
	ctx := context.Background()

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, fileName string) string // returns the stored name to plant
	}{
		{"climbs out", func(t *testing.T, _ string) string { return outsideName }},
		{"absolute", func(t *testing.T, _ string) string { return outside }},
		{"symlink inside the folder", func(t *testing.T, fileName string) string {
			p := filepath.Join(e.dir, "uploads", "materials", fileName)
			os.Remove(p)
			if err := os.Symlink(outside, p); err != nil {
				t.Skipf("no symlinks here: %v", err)
			}
			return fileName
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mat := decode(t, e.postFile("/api/admin/codelabs/"+id+"/materials", "notes.txt", []byte("mine")), 201)
			mid := mat["id"].(string)
			var stored string
			st.DB().QueryRow(`SELECT file_name FROM materials WHERE id = ?`, mid).Scan(&stored)
			bad := tc.setup(t, stored)
			err := st.Write(ctx, func(tx *sql.Tx) error {
				_, err := tx.Exec(`UPDATE materials SET file_name = ? WHERE id = ?`, bad, mid)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			rec := e.request("GET", "/api/codelabs/"+id+"/materials/"+mid+"/download", "", nil, false)
			if rec.Code != 404 || strings.Contains(rec.Body.String(), "secret") || !strings.Contains(rec.Body.String(), `"code":"not_found"`) {
				t.Errorf("download: got %d %s, want a 404 JSON error without the outside file", rec.Code, rec.Body.String())
			}
			if rec := e.request("DELETE", "/api/admin/codelabs/"+id+"/materials/"+mid, "", nil, true); rec.Code != 204 {
				t.Errorf("delete: got %d %s, want 204 (the row goes, the outside file stays)", rec.Code, rec.Body.String())
			}
			assertOutsideIntact(t, outside)
		})
	}
	// The same guard on uploads: a backup written now never follows the symlink out.
	os.MkdirAll(filepath.Join(e.dir, "uploads"), 0o700)
	if err := os.Symlink(outside, filepath.Join(e.dir, "uploads", "aaaabbbbccccddddeeeeffffgggghhhh.png")); err == nil {
		if files := unzip(t, e.backup()); len(files["uploads/aaaabbbbccccddddeeeeffffgggghhhh.png"]) != 0 {
			t.Errorf("backup: got the symlinked outside file in the archive, want it left out")
		}
		if rec := e.request("GET", "/uploads/aaaabbbbccccddddeeeeffffgggghhhh.png", "", nil, false); rec.Code == 200 {
			t.Errorf("serve upload through a symlink: got 200 %q, want a refusal", rec.Body.String())
		}
	}
	assertOutsideIntact(t, outside)
}

func TestCheckFileName(t *testing.T) {
	for name, ok := range map[string]bool{
		"k3abc.png": true, "abcdefghijklmnop": true,
		"": false, ".": false, "..": false, "../x": false, "a/b": false, `a\b`: false, "/etc/passwd": false,
		"C:evil": false, "a\x00b": false, "x..y": false, strings.Repeat("a", 256): false,
	} {
		if err := store.CheckFileName(name); (err == nil) != ok {
			t.Errorf("CheckFileName(%q): got %v, want ok=%v", name, err, ok)
		}
	}
}
