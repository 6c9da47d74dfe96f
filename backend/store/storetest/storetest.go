// Package storetest gives each test its own migrated SQLite file.
package storetest

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
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

// CapDatabase limits the database file to its current size on the writer
// connection, so the next write that needs a page fails as on a full disk.
func CapDatabase(t testing.TB, s *store.Store) {
	t.Helper()
	err := s.Write(context.Background(), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`PRAGMA page_count`).Scan(&n); err != nil {
			return err
		}
		_, err := tx.Exec(`PRAGMA max_page_count = ` + strconv.Itoa(n))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
