package store_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// workshopDB makes a database file with some codelabs and closes it, so
// everything is in the main file (the WAL is checkpointed on close).
func workshopDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "opencodelabs.db")
	s, err := store.Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		c := &model.Codelab{Title: "Lab", Steps: []model.Step{{Title: "S", Markdown: strings.Repeat("x", 3000)}}}
		if err := s.CreateCodelab(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// corruptPage overwrites one page in the middle of the file with garbage.
func corruptPage(t *testing.T, p string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	n := len(data) / page
	if n < 8 {
		t.Fatalf("database has %d pages, want a few more to corrupt one", n)
	}
	copy(data[(n/2)*page:], bytes.Repeat([]byte{0xAB}, page))
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedDatabaseOpensReadOnlyAndRefusesWrites(t *testing.T) {
	ctx := context.Background()
	corrupted := workshopDB(t)
	corruptPage(t, corrupted)
	empty := filepath.Join(t.TempDir(), "opencodelabs.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, path, want string }{
		{"corrupted page", corrupted, "quick_check"},
		{"0-byte file", empty, "0 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.path)
			s, err := store.OpenDataDir(ctx, tc.path, quiet)
			if err != nil {
				t.Fatalf("OpenDataDir: got %v, want the damaged state, not an error", err)
			}
			defer s.Close()
			d := s.Damage()
			if d == nil || !strings.Contains(d.Reason, tc.want) {
				t.Fatalf("Damage: got %+v, want a reason mentioning %q", d, tc.want)
			}
			err = s.CreateCodelab(ctx, &model.Codelab{Title: "Must not be written"})
			if !errors.Is(err, store.ErrDamaged) {
				t.Errorf("write: got %v, want ErrDamaged", err)
			}
			if _, err := store.NewAutoBackups(s, filepath.Dir(tc.path)).Tick(ctx); err != nil {
				t.Errorf("auto backup tick: %v", err)
			}
			if list, _ := store.ListAutoBackups(filepath.Dir(tc.path)); len(list) != 0 {
				t.Errorf("got %d automatic backups of a damaged file, want none", len(list))
			}
			s.Close()
			after, _ := os.ReadFile(tc.path)
			if !bytes.Equal(before, after) {
				t.Errorf("the damaged file changed (%d -> %d bytes), want it untouched", len(before), len(after))
			}
		})
	}
}

func TestHealthyDatabasePassesCheck(t *testing.T) {
	s, err := store.OpenDataDir(context.Background(), workshopDB(t), quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if d := s.Damage(); d != nil {
		t.Fatalf("got damage %+v on a healthy file, want none", d)
	}
}

func TestUnwritableDataDirNamesTheFolder(t *testing.T) {
	// A regular file where a parent folder should be: fails for root too.
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o600)
	dir := filepath.Join(file, "data")
	_, err := store.OpenDataDir(context.Background(), filepath.Join(dir, "opencodelabs.db"), quiet)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("got %v, want an error naming %s and why", err, dir)
	}

	t.Run("read-only folder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes into read-only folders; the regular-file case above covers root")
		}
		ro := t.TempDir()
		os.Chmod(ro, 0o500)
		defer os.Chmod(ro, 0o700)
		_, err := store.OpenDataDir(context.Background(), filepath.Join(ro, "opencodelabs.db"), quiet)
		if err == nil || !strings.Contains(err.Error(), ro) || !strings.Contains(err.Error(), "not writable") {
			t.Errorf("got %v, want an error naming %s as not writable", err, ro)
		}
	})
}

func TestIsDiskFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	_, werr := f.Write([]byte("x"))
	f.Close()
	if !store.IsDiskFull(werr) || !errors.Is(werr, syscall.ENOSPC) {
		t.Errorf("write to /dev/full: got %v, want a disk-full error", werr)
	}
	if store.IsDiskFull(errors.New("other")) || store.IsDiskFull(nil) {
		t.Error("IsDiskFull: got true for an unrelated error")
	}

	// SQLITE_FULL from the real database: cap its size, then write past it.
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "full.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.CapDatabase(t, s)
	err = s.CreateCodelab(ctx, &model.Codelab{Title: "Big", Description: strings.Repeat("x", 200_000)})
	if !store.IsDiskFull(err) {
		t.Errorf("write past max_page_count: got %v, want SQLITE_FULL recognised as disk full", err)
	}
}
