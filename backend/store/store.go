// Package store keeps everything the workshop needs in one SQLite file.
//
// Following PocketBase, it opens the file twice: a one-connection pool that
// serializes every write (so "database is locked" cannot happen under load)
// and a concurrent pool for reads. WAL lets readers run beside the writer.
// The store knows nothing about HTTP.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule.
var ErrConflict = errors.New("conflict")

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the workshop database.
type Store struct {
	path   string
	write  *sql.DB
	read   *sql.DB
	roster roster // attendee lists cached for the dashboard (roster.go)

	damage  atomic.Pointer[Damage] // set while the file failed its check (health.go)
	changes atomic.Int64           // committed writes since Open (automatic backups)
}

// Open opens (creating if needed) the database file at path and applies
// pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: create data dir: %w", err)
	}
	s := &Store{path: path}
	if err := s.openPools(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// openPools opens the writer and reader pools on s.path and migrates.
func (s *Store) openPools(ctx context.Context) error {
	// busy_timeout comes first so the other pragmas already wait instead of failing.
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + s.path + "?" + q.Encode()
	write, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxLifetime(0)
	// Readers never write: query_only turns a stray write into an error.
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return fmt.Errorf("store: open read pool: %w", err)
	}
	read.SetMaxOpenConns(8)
	s.write, s.read = write, read
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return err
	}
	return nil
}

// Path is the database file's location.
func (s *Store) Path() string { return s.path }

// Close closes both pools.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// DB exposes the read pool for packages that add their own queries.
func (s *Store) DB() *sql.DB { return s.read }

// Write runs fn in one transaction on the single writer connection and
// commits. Callers acknowledge work only after Write returns nil.
func (s *Store) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.damage.Load() != nil {
		return ErrDamaged
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	s.changes.Add(1)
	return nil
}

// Changes counts the writes committed since the store was opened; the
// automatic backups compare it to skip a snapshot when nothing changed.
func (s *Store) Changes() int64 { return s.changes.Load() }

// LatestSchemaVersion is the schema this program migrates to: the number
// of embedded migrations.
func LatestSchemaVersion() int {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	return len(names)
}

// SchemaVersion is the number of applied migrations.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
	return n, err
}

// migrate applies the embedded migrations in file-name order, each in its
// own transaction, and records them. Applied files are never edited.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	// store_state is the store's own bookkeeping (the id of the last
	// restore, restore_apply.go); like schema_migrations it is never restored.
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS store_state (
		key TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: create store_state: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("store: list migrations: %w", err)
	}
	sort.Strings(names)
	for i, name := range names {
		version := i + 1
		var done int
		if err := s.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&done); err != nil {
			return fmt.Errorf("store: check migration %s: %w", name, err)
		}
		if done > 0 {
			continue
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return fmt.Errorf("store: read migration %s: %w", name, err)
		}
		err = s.Write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				version, strings.TrimPrefix(name, "migrations/"), now())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: apply migration %s: %w", name, err)
		}
	}
	return nil
}

// NewID returns a short random identifier safe for URLs.
func NewID() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))[:12]
}

const timeLayout = time.RFC3339Nano

func now() string { return time.Now().UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}
