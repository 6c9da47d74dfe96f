package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

func TestCodelabLifecycle(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	c := &model.Codelab{Title: "Go basics", Tags: []string{"go"}, IsPublic: true,
		Steps: []model.Step{{Title: "One", Markdown: "# one", DurationMinutes: 5}, {Title: "Two", Markdown: "two"}}}
	if err := s.CreateCodelab(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetCodelab(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Go basics" || len(got.Steps) != 2 || got.Steps[1].Number != 2 || got.StepCount != 2 {
		t.Fatalf("got %+v, want title and two numbered steps", got)
	}
	if len(got.Tags) != 1 || got.Tags[0] != "go" {
		t.Fatalf("got tags %v, want [go]", got.Tags)
	}
	hidden := &model.Codelab{Title: "Draft"}
	if err := s.CreateCodelab(ctx, hidden); err != nil {
		t.Fatal(err)
	}
	pub, _ := s.ListCodelabs(ctx, true)
	all, _ := s.ListCodelabs(ctx, false)
	if len(pub) != 1 || len(all) != 2 || all[0].ID != hidden.ID {
		t.Fatalf("got public %d all %d first %s, want 1, 2, newest first", len(pub), len(all), all[0].ID)
	}
	cp, err := s.CopyCodelab(ctx, c.ID)
	if err != nil || cp.ID == c.ID || !strings.HasPrefix(cp.Title, "Copy of") || cp.StepCount != 2 || cp.IsPublic {
		t.Fatalf("copy: got %+v, %v", cp, err)
	}
	if err := s.DeleteCodelab(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetCodelab(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	var n int
	s.DB().QueryRow(`SELECT COUNT(*) FROM steps WHERE codelab_id = ?`, c.ID).Scan(&n)
	if n != 0 {
		t.Fatalf("got %d orphan steps, want 0 (cascade)", n)
	}
}

func TestReplaceStepsIsAtomic(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	c := &model.Codelab{Title: "T", Steps: []model.Step{{Title: "Old", Markdown: "old"}}}
	if err := s.CreateCodelab(ctx, c); err != nil {
		t.Fatal(err)
	}
	// A cancelled context fails the transaction midway; the old steps must stay.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.ReplaceSteps(cctx, c.ID, []model.Step{{Title: "New"}}); err == nil {
		t.Fatal("got nil error with cancelled context, want failure")
	}
	got, _ := s.GetCodelab(ctx, c.ID)
	if len(got.Steps) != 1 || got.Steps[0].Title != "Old" {
		t.Fatalf("got %+v, want old step intact", got.Steps)
	}
	if err := s.ReplaceSteps(ctx, "missing", nil); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
}

func TestMigrationsRecordedAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d", "w.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := s.SchemaVersion(ctx)
	s.Close()
	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	v2, _ := s.SchemaVersion(ctx)
	entries, _ := os.ReadDir("migrations") // sorted; the last holds the highest number
	want, _ := strconv.Atoi(entries[len(entries)-1].Name()[:4])
	if v1 != want || v2 != v1 {
		t.Fatalf("got versions %d then %d, want %d both", v1, v2, want)
	}
	var mode string
	s.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Fatalf("got journal_mode %q, want wal", mode)
	}
}
