package store

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

const (
	newImage = "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn.png" // in the backup
	oldImage = "oooooooooooooooooooooooooooooooo.png" // in the data the backup replaces
)

// interruptedRestore prepares a data dir whose current data is "Old"
// (with oldImage) and a verified backup of "New" (with newImage)
// extracted beside it, plus that restore's journal, not yet written.
func interruptedRestore(t *testing.T) (dataDir string, s *Store, ex *Extracted, j restoreJournal) {
	t.Helper()
	ctx := context.Background()
	dataDir = t.TempDir()
	s, err := Open(ctx, filepath.Join(dataDir, "opencodelabs.db"))
	if err != nil {
		t.Fatal(err)
	}
	uploads := NewFolder(filepath.Join(dataDir, "uploads"))
	addImage := func(title, image string) {
		c := &model.Codelab{Title: title}
		if err := s.CreateCodelab(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := uploads.WriteFile(image, []byte(title)); err != nil {
			t.Fatal(err)
		}
		if err := s.InsertUpload(ctx, &model.Upload{Name: image, CodelabID: c.ID, ContentType: "image/png"}); err != nil {
			t.Fatal(err)
		}
	}
	addImage("New", newImage)
	archive := filepath.Join(dataDir, "new.zip")
	if _, err := s.WriteBackupFile(ctx, archive, uploads.Dir); err != nil {
		t.Fatal(err)
	}
	// Now the data becomes "Old".
	err = s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM codelabs; DELETE FROM uploads`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	uploads.Remove(newImage)
	addImage("Old", oldImage)
	if ex, err = s.VerifyBackup(ctx, archive, dataDir); err != nil {
		t.Fatal(err)
	}
	os.Remove(archive)
	j = restoreJournal{ID: NewID(), Extracted: filepath.Base(ex.Dir), UploadsPrev: "uploads.prev-test", StartedAt: time.Now().UTC()}
	return dataDir, s, ex, j
}

// reopen starts the store like the server does and reports the codelab
// titles and the image files in uploads/.
func reopen(t *testing.T, dataDir string) (titles, images []string) {
	t.Helper()
	ctx := context.Background()
	s, err := OpenDataDir(ctx, filepath.Join(dataDir, "opencodelabs.db"), quietLog)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if d := s.Damage(); d != nil {
		t.Fatalf("reopened store is damaged: %+v", d)
	}
	list, err := s.ListCodelabs(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		titles = append(titles, c.Title)
	}
	entries, _ := os.ReadDir(filepath.Join(dataDir, "uploads"))
	for _, e := range entries {
		if !e.IsDir() {
			images = append(images, e.Name())
		}
	}
	for _, left := range []string{journalName, j0(dataDir)} {
		if left != "" && exists(filepath.Join(dataDir, left)) {
			t.Errorf("after start: %s is still there, want it removed", left)
		}
	}
	return titles, images
}

// j0 names a restore-* directory left in dataDir, if any.
func j0(dataDir string) string {
	entries, _ := os.ReadDir(dataDir)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "restore-") {
			return e.Name()
		}
	}
	return ""
}

func TestStartupFinishesOrUndoesAnInterruptedRestore(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		crash      func(t *testing.T, dataDir string, s *Store, ex *Extracted, j restoreJournal)
		wantTitles []string
		wantImages []string
	}{
		{"database swapped, uploads not", func(t *testing.T, dataDir string, s *Store, ex *Extracted, j restoreJournal) {
			mustOK(t, writeJournal(dataDir, j))
			mustOK(t, s.restoreDatabase(ctx, ex.DBPath, j.ID))
		}, []string{"New"}, []string{newImage}},
		{"database swapped, old uploads moved aside only", func(t *testing.T, dataDir string, s *Store, ex *Extracted, j restoreJournal) {
			mustOK(t, writeJournal(dataDir, j))
			mustOK(t, s.restoreDatabase(ctx, ex.DBPath, j.ID))
			mustOK(t, os.Rename(filepath.Join(dataDir, "uploads"), filepath.Join(dataDir, j.UploadsPrev)))
		}, []string{"New"}, []string{newImage}},
		{"journal written, database not swapped", func(t *testing.T, dataDir string, s *Store, ex *Extracted, j restoreJournal) {
			mustOK(t, writeJournal(dataDir, j))
		}, []string{"Old"}, []string{oldImage}},
		{"damaged file moved aside, backup not moved in", func(t *testing.T, dataDir string, s *Store, ex *Extracted, j restoreJournal) {
			j.Replace = true
			mustOK(t, markRestore(ctx, ex.DBPath, j.ID))
			mustOK(t, writeJournal(dataDir, j))
			s.Close()
			os.MkdirAll(filepath.Join(dataDir, "damaged-test"), 0o700)
			mustOK(t, os.Rename(s.path, filepath.Join(dataDir, "damaged-test", "opencodelabs.db")))
		}, []string{"New"}, []string{newImage}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dataDir, s, ex, j := interruptedRestore(t)
			tc.crash(t, dataDir, s, ex, j)
			s.Close() // the crash: nothing else runs
			titles, images := reopen(t, dataDir)
			if !reflect.DeepEqual(titles, tc.wantTitles) || !reflect.DeepEqual(images, tc.wantImages) {
				t.Errorf("after start: got codelabs %v and images %v, want %v and %v", titles, images, tc.wantTitles, tc.wantImages)
			}
			// A second start finds nothing more to do and changes nothing.
			titles2, images2 := reopen(t, dataDir)
			if !reflect.DeepEqual(titles2, titles) || !reflect.DeepEqual(images2, images) {
				t.Errorf("second start: got %v %v, want the same as the first", titles2, images2)
			}
		})
	}
}

func TestStartupRemovesLeftovers(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dataDir, "opencodelabs.db"))
	if err != nil {
		t.Fatal(err)
	}
	kept := "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk.png"
	keptMaterial := "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
	c := &model.Codelab{Title: "T"}
	mustOK(t, s.CreateCodelab(ctx, c))
	mustOK(t, s.InsertUpload(ctx, &model.Upload{Name: kept, ContentType: "image/png"}))
	mustOK(t, s.CreateMaterial(ctx, &model.Material{CodelabID: c.ID, Kind: MaterialFile, Title: "m", FileName: keptMaterial}))
	s.Close()
	files := map[string]bool{ // path -> kept
		"uploads/" + kept:                                    true,
		"uploads/readme.txt":                                 true, // not a name we give: not ours to delete
		"uploads/materials/" + keptMaterial:                  true,
		"uploads/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.webp":      false, // image of an interrupted import
		"uploads/materials/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy": false, // material of an interrupted upload
		"uploads/.tmp-0123":                                  false,
		"uploads/materials/.tmp-4567":                        false,
		".restore-upload-99.zip":                             false,
		".download-backup-98.zip":                            false,
		"restore-1234/database.sqlite":                       false,
		"backup-5678/database.sqlite":                        false,
		"backups/.backup-1.zip":                              false,
		"backups/auto/.backup-2.zip":                         false,
		"backups/pre-restore-20260101T000000.000Z.zip":       true,
	}
	for p := range files {
		full := filepath.Join(dataDir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o700)
		mustOK(t, os.WriteFile(full, []byte("x"), 0o600))
	}
	s2, err := OpenDataDir(ctx, filepath.Join(dataDir, "opencodelabs.db"), quietLog)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	var wrong []string
	for p, keep := range files {
		if exists(filepath.Join(dataDir, filepath.FromSlash(p))) != keep {
			wrong = append(wrong, p)
		}
	}
	for _, d := range []string{"restore-1234", "backup-5678"} {
		if exists(filepath.Join(dataDir, d)) {
			wrong = append(wrong, d+"/")
		}
	}
	sort.Strings(wrong)
	if len(wrong) > 0 {
		t.Errorf("after start, these are wrong (kept when they should go or gone when they should stay): %v", wrong)
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
