// Package storetest gives each test its own migrated SQLite file.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/opencodelabs/desktop/backend/store"
)

// New opens a fresh store in t's temp dir and closes it when the test ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
