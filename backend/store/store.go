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
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule.
var ErrConflict = errors.New("conflict")

// Store is the workshop database.
type Store struct {
	path   string
	write  *sql.DB
	read   *sql.DB
	roster roster // attendee lists cached for the dashboard (roster.go)

	damage  atomic.Pointer[model.Damage] // set while the file failed its check (health.go)
	changes atomic.Int64                 // committed writes since Open (automatic backups)
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
