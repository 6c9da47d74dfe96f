package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func sqlFile(body string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(body)} }

func TestLoadMigrationsRefusesBadSets(t *testing.T) {
	cases := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"gap", fstest.MapFS{"migrations/0001_a.sql": sqlFile("SELECT 1"), "migrations/0003_c.sql": sqlFile("SELECT 1")}, "number 2 is missing"},
		{"not starting at one", fstest.MapFS{"migrations/0002_b.sql": sqlFile("SELECT 1")}, "number 1 is missing"},
		{"duplicate", fstest.MapFS{"migrations/0001_a.sql": sqlFile("SELECT 1"), "migrations/0001_b.sql": sqlFile("SELECT 1")}, "share number 1"},
		{"no number", fstest.MapFS{"migrations/0001_a.sql": sqlFile("SELECT 1"), "migrations/extra.sql": sqlFile("SELECT 1")}, "four-digit number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadMigrations(tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// openMigrated opens a fresh store (closed when the test ends) and returns it
// with the real migrations, as loaded and as a file system a test can extend.
func openMigrated(t *testing.T) (*Store, []migration, fstest.MapFS) {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "db.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	real, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{}
	for _, m := range real {
		files["migrations/"+m.name] = sqlFile(m.body)
	}
	return s, real, files
}

// TestMigrationsKeyedByPrefix: a file's version is its prefix, whatever the
// sort order of names, and a renamed applied migration stops the start.
func TestMigrationsKeyedByPrefix(t *testing.T) {
	ctx := context.Background()
	s, real, extended := openMigrated(t)
	top := real[len(real)-1].version
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != top {
		t.Fatalf("SchemaVersion: got %d, %v, want %d", v, err, top)
	}

	next := top + 1
	name := func(n int, rest string) string { return fmt.Sprintf("migrations/%04d%s", n, rest) }
	extended[name(next, "_zz_extra.sql")] = sqlFile("CREATE TABLE extra_test (x INTEGER)")
	if err := s.migrateFrom(ctx, extended); err != nil {
		t.Fatalf("apply the next migration: %v", err)
	}
	var got string
	if err := s.read.QueryRowContext(ctx, `SELECT name FROM schema_migrations WHERE version = ?`, next).Scan(&got); err != nil || got != strings.TrimPrefix(name(next, "_zz_extra.sql"), "migrations/") {
		t.Fatalf("recorded migration %d: got %q, %v", next, got, err)
	}

	delete(extended, name(next, "_zz_extra.sql"))
	extended[name(next, "_renamed.sql")] = sqlFile("CREATE TABLE extra_test (x INTEGER)")
	if err := s.migrateFrom(ctx, extended); err == nil || !strings.Contains(err.Error(), "never be renamed") {
		t.Fatalf("renamed applied migration: got %v, want a refusal", err)
	}
}

// TestMigrationLateArrival: a database whose record skips a number that a
// later migration passed (made by a build without that file) is refused
// rather than given a migration written for an older schema.
func TestMigrationLateArrival(t *testing.T) {
	ctx := context.Background()
	s, real, files := openMigrated(t)
	top := real[len(real)-1].version
	files[fmt.Sprintf("migrations/%04d_next.sql", top+1)] = sqlFile("CREATE TABLE next_test (x INTEGER)")
	if err := s.migrateFrom(ctx, files); err != nil {
		t.Fatalf("next migration: got %v, want it applied", err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = ?`, top); err != nil {
		t.Fatal(err)
	}
	if err := s.migrateFrom(ctx, files); err == nil || !strings.Contains(err.Error(), "older schema") {
		t.Fatalf("late migration: got %v, want a refusal", err)
	}
}
