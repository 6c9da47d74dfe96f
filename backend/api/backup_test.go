package api_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedWorkshop makes a codelab with a step, an uploaded image and a
// material file, and returns its id and the image URL.
func seedWorkshop(t *testing.T, e *contentEnv) (id, imgURL string) {
	t.Helper()
	id = create(t, e.h, `{"title":"Keep me","is_public":true}`)
	up := decode(t, e.postFile("/api/admin/uploads", "a.png", pngBytes(t, 12, 12), "codelab_id", id), 201)
	body := `{"steps":[{"title":"Only","markdown":"` + up["markdown"].(string) + `"}]}`
	if rec := e.request("PUT", "/api/admin/codelabs/"+id+"/steps", "application/json", []byte(body), true); rec.Code != 200 {
		t.Fatalf("put steps: %d %s", rec.Code, rec.Body.String())
	}
	decode(t, e.postFile("/api/admin/codelabs/"+id+"/materials", "notes.txt", []byte("my notes")), 201)
	return id, up["url"].(string)
}

func (e *contentEnv) backup() []byte {
	e.t.Helper()
	rec := e.request("GET", "/api/admin/backup", "", nil, true)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/zip" || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;") {
		e.t.Fatalf("backup: got %d %v, want 200 with a ZIP attachment", rec.Code, rec.Header())
	}
	return rec.Body.Bytes()
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	e := newContentEnv(t)
	id, imgURL := seedWorkshop(t, e)
	archive := e.backup()

	files := unzip(t, archive)
	var man struct {
		App           string `json:"app"`
		SchemaVersion int    `json:"schema_version"`
		Files         []struct{ Path, SHA256 string }
	}
	if err := json.Unmarshal(files["manifest.json"], &man); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if man.App != "open-codelabs-desktop" || man.SchemaVersion < 3 || len(man.Files) != 3 {
		t.Errorf("manifest: got app %q schema %d %d files, want open-codelabs-desktop, >= 3, 3 files (db, image, material)", man.App, man.SchemaVersion, len(man.Files))
	}
	if _, ok := files["database.sqlite"]; !ok {
		t.Errorf("got entries %v, want database.sqlite", keys(files))
	}

	// Lose everything, add something new, then restore.
	if rec := e.request("DELETE", "/api/admin/codelabs/"+id, "", nil, true); rec.Code != 204 {
		t.Fatalf("delete: %d", rec.Code)
	}
	os.Remove(filepath.Join(e.dir, imgURL))
	later := create(t, e.h, `{"title":"Made after the backup"}`)

	m := decode(t, e.postFile("/api/admin/restore", "backup.zip", archive), 200)
	pre, _ := m["pre_restore_backup"].(string)
	if m["restored"] != true || !strings.HasPrefix(pre, "backups/pre-restore-") {
		t.Fatalf("restore: got %v, want restored with a pre-restore backup", m)
	}
	if _, err := os.Stat(filepath.Join(e.dir, filepath.FromSlash(pre))); err != nil {
		t.Errorf("pre-restore backup: %v", err)
	}
	if st := e.steps(id); len(st) != 1 || st[0]["title"] != "Only" {
		t.Errorf("restored steps: got %v, want the one step", st)
	}
	if rec := e.request("GET", "/api/admin/codelabs/"+later, "", nil, true); rec.Code != 404 {
		t.Errorf("codelab made after the backup: got %d, want 404 (replaced)", rec.Code)
	}
	if rec := e.request("GET", "/"+imgURL, "", nil, false); rec.Code != 200 {
		t.Errorf("restored image: got %d, want 200", rec.Code)
	}
	var list []map[string]any
	json.Unmarshal(e.request("GET", "/api/codelabs/"+id+"/materials", "", nil, false).Body.Bytes(), &list)
	if len(list) != 1 {
		t.Fatalf("restored materials: got %v, want 1", list)
	}
	if rec := e.request("GET", "/"+list[0]["download_url"].(string), "", nil, false); rec.Body.String() != "my notes" {
		t.Errorf("restored material download: got %d %q, want my notes", rec.Code, rec.Body.String())
	}

	// The pre-restore archive is itself a valid backup of the state before.
	preData, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(pre)))
	if err != nil {
		t.Fatal(err)
	}
	decode(t, e.postFile("/api/admin/restore", "pre.zip", preData), 200)
	if rec := e.request("GET", "/api/admin/codelabs/"+later, "", nil, true); rec.Code != 200 {
		t.Errorf("after restoring the pre-restore backup: got %d, want the later codelab back", rec.Code)
	}
}

func TestRestoreRefusesBadArchives(t *testing.T) {
	e := newContentEnv(t)
	id, imgURL := seedWorkshop(t, e)
	good := e.backup()
	files := unzip(t, good)

	// One byte flipped inside the stored (uncompressed) image entry.
	img := filepath.Base(imgURL)
	corrupt := append([]byte(nil), good...)
	i := bytes.Index(corrupt, files["uploads/"+img][20:40])
	if i < 0 {
		t.Fatal("image bytes not found in the archive")
	}
	corrupt[i+5] ^= 0xff

	withExtra := map[string][]byte{}
	for k, v := range files {
		withExtra[k] = v
	}
	withExtra["uploads/extra.png"] = []byte("sneaky")
	missing := map[string][]byte{}
	for k, v := range files {
		if k != "uploads/"+img {
			missing[k] = v
		}
	}
	var man map[string]any
	json.Unmarshal(files["manifest.json"], &man)
	man["schema_version"] = 999
	future := map[string][]byte{}
	for k, v := range files {
		future[k] = v
	}
	future["manifest.json"], _ = json.Marshal(man)
	slip := map[string][]byte{}
	for k, v := range files {
		slip[k] = v
	}
	var man2 map[string]any
	json.Unmarshal(files["manifest.json"], &man2)
	fl := man2["files"].([]any)
	fl = append(fl, map[string]any{"path": "uploads/../../evil", "size": 1, "sha256": "00"})
	man2["files"] = fl
	slip["manifest.json"], _ = json.Marshal(man2)
	slip["uploads/../../evil"] = []byte("x")

	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"one byte corrupted", corrupt, ""},
		{"truncated", good[:len(good)/2], "ZIP"},
		{"foreign zip", zipOf(t, map[string][]byte{"hello.txt": []byte("hi")}), "manifest"},
		{"not a zip", []byte("plain text"), "ZIP"},
		{"extra file", zipOf(t, withExtra), "not listed"},
		{"missing file", zipOf(t, missing), "missing"},
		{"newer schema", zipOf(t, future), "newer"},
		{"zip slip", zipOf(t, slip), "not allowed"},
	} {
		m := decode(t, e.postFile("/api/admin/restore", "b.zip", tc.data), 400)
		msg, _ := m["error"].(map[string]any)["message"].(string)
		if errorCode(m) != "invalid_backup" || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: got %v, want invalid_backup mentioning %q", tc.name, m, tc.want)
		}
	}
	// The old data is intact and nothing was swapped or left behind.
	if st := e.steps(id); len(st) != 1 {
		t.Errorf("after refusals: got %d steps, want 1", len(st))
	}
	if rec := e.request("GET", "/"+imgURL, "", nil, false); rec.Code != 200 {
		t.Errorf("after refusals: image got %d, want 200", rec.Code)
	}
	entries, _ := os.ReadDir(e.dir)
	for _, en := range entries {
		if strings.HasPrefix(en.Name(), "restore-") || strings.HasPrefix(en.Name(), ".restore-") || strings.Contains(en.Name(), ".prev-") || en.Name() == "backups" {
			t.Errorf("after refusals: got %s in the data dir, want nothing left over", en.Name())
		}
	}
}
