package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

func TestBackupVerifyRestore(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	dir := filepath.Dir(st.Path())
	uploads := filepath.Join(dir, "uploads")
	os.MkdirAll(filepath.Join(uploads, "materials"), 0o700)
	os.WriteFile(filepath.Join(uploads, "materials", "m1"), []byte("file"), 0o600)

	c := &model.Codelab{Title: "Saved", Steps: []model.Step{{Title: "S1", Markdown: "x"}}}
	if err := st.CreateCodelab(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateMaterial(ctx, &model.Material{CodelabID: c.ID, Kind: store.MaterialLink, Title: "L", URL: "https://a.example/"}); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "b.zip")
	m, err := st.WriteBackupFile(ctx, archive, uploads)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Files[1].Path != "uploads/materials/m1" {
		t.Fatalf("manifest files: got %+v, want the database and uploads/materials/m1", m.Files)
	}
	if err := st.DeleteCodelab(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	ex, err := st.VerifyBackup(ctx, archive, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Remove()
	if got, _ := os.ReadFile(filepath.Join(ex.UploadsDir, "materials", "m1")); string(got) != "file" {
		t.Errorf("extracted material: got %q, want file", got)
	}
	if err := st.RestoreDatabase(ctx, ex.DBPath); err != nil {
		t.Fatal(err)
	}
	got, err := st.GetCodelab(ctx, c.ID)
	if err != nil || len(got.Steps) != 1 {
		t.Fatalf("restored codelab: got %v %v, want it with 1 step", got, err)
	}
	if ms, err := st.ListMaterials(ctx, c.ID); err != nil || len(ms) != 1 {
		t.Errorf("restored materials: got %v %v, want 1", ms, err)
	}
	// The writer still works after DETACH.
	if err := st.CreateCodelab(ctx, &model.Codelab{Title: "After"}); err != nil {
		t.Errorf("write after restore: %v", err)
	}

	os.WriteFile(archive, []byte("not a zip"), 0o600)
	var be *store.BackupError
	if _, err := st.VerifyBackup(ctx, archive, dir); !errors.As(err, &be) {
		t.Errorf("garbage: got %v, want a BackupError", err)
	}
}

func TestSwapDir(t *testing.T) {
	dir := t.TempDir()
	cur, repl, prev := filepath.Join(dir, "uploads"), filepath.Join(dir, "new"), filepath.Join(dir, "uploads.prev")
	os.MkdirAll(cur, 0o700)
	os.WriteFile(filepath.Join(cur, "old"), nil, 0o600)
	os.MkdirAll(repl, 0o700)
	os.WriteFile(filepath.Join(repl, "new"), nil, 0o600)
	if err := store.SwapDir(cur, repl, prev); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cur, "new")); err != nil {
		t.Errorf("new dir not in place: %v", err)
	}
	if _, err := os.Stat(filepath.Join(prev, "old")); err != nil {
		t.Errorf("old dir not kept: %v", err)
	}
}
