package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded SQL file; its version is the number in its
// NNNN_ prefix, never its position in a list, so adding or renaming a file
// cannot renumber the others (PocketBase keys migrations by name the same way).
type migration struct {
	version int
	name    string
	body    string
}

// loadMigrations reads the NNNN_name.sql files of fsys's migrations folder.
// It refuses a file without a number, two files with one number, and a gap:
// each would mean a migration was lost or misnamed, and starting anyway
// could apply the rest to a schema they were not written for.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: list migrations: %w", err)
	}
	var out []migration
	seen := map[int]string{}
	for _, full := range names {
		name := path.Base(full)
		prefix, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(prefix)
		if !ok || err != nil || version < 1 || len(prefix) != 4 {
			return nil, fmt.Errorf("store: migration %s: name must start with a four-digit number and _", name)
		}
		if other, dup := seen[version]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s share number %d", other, name, version)
		}
		seen[version] = name
		body, err := fs.ReadFile(fsys, full)
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", name, err)
		}
		out = append(out, migration{version: version, name: name, body: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration number %d is missing (next is %s)", i+1, m.name)
		}
	}
	return out, nil
}

// LatestSchemaVersion is the schema this program migrates to: the highest
// embedded migration number (0 if the embedded files are unusable, which
// Open reports).
func LatestSchemaVersion() int {
	list, err := loadMigrations(migrationFiles)
	if err != nil || len(list) == 0 {
		return 0
	}
	return list[len(list)-1].version
}

// SchemaVersion is the highest applied migration number.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&n)
	return n, err
}

// migrate applies the embedded migrations in number order, each in its own
// transaction, and records them. Applied files are never edited; a recorded
// version whose file now has another name means someone renamed or replaced
// it, and the store refuses to start rather than guess.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateFrom(ctx, migrationFiles)
}

func (s *Store) migrateFrom(ctx context.Context, fsys fs.FS) error {
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
	list, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	applied := map[int]string{}
	rows, err := s.write.QueryContext(ctx, `SELECT version, name FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("store: read schema_migrations: %w", err)
	}
	for rows.Next() {
		var v int
		var n string
		if err := rows.Scan(&v, &n); err != nil {
			rows.Close()
			return fmt.Errorf("store: read schema_migrations: %w", err)
		}
		applied[v] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: read schema_migrations: %w", err)
	}
	// A database whose record skips a number that a later migration passed
	// (made by a build that lacked that file) must not get it now: it was
	// written for an older schema.
	newest := 0
	for v := range applied {
		newest = max(newest, v)
	}
	for _, m := range list {
		if _, done := applied[m.version]; !done && m.version < newest {
			return fmt.Errorf("store: migration %s is new but migration %d already ran: it was written for an older schema; "+
				"start from a backup made before %d or a fresh data dir", m.name, newest, newest)
		}
	}
	for _, m := range list {
		if name, done := applied[m.version]; done {
			if name != m.name {
				return fmt.Errorf("store: migration %d was applied as %s but is now %s; an applied migration must never be renamed", m.version, name, m.name)
			}
			continue
		}
		err := s.Write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.body); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, now())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: apply migration %s: %w", m.name, err)
		}
	}
	return nil
}
