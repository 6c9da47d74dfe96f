package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

// RestoreDatabase replaces every app table's rows with those of the
// database file at path (a verified backup) in one transaction, keeping
// the live connection pools: readers see the old data or the new, never a
// mix. The backup is first migrated to this program's schema by opening
// it with Open. schema_migrations is left alone.
func (s *Store) RestoreDatabase(ctx context.Context, path string) error {
	return s.restoreDatabase(ctx, path, "")
}

// restoreDatabase is RestoreDatabase that also records restoreID in
// store_state inside the same transaction, so a restart can tell whether
// an interrupted restore had replaced the rows (restore_apply.go).
func (s *Store) restoreDatabase(ctx context.Context, path, restoreID string) error {
	if s.damage.Load() != nil {
		return ErrDamaged
	}
	bk, err := Open(ctx, path)
	if err != nil {
		return fmt.Errorf("store: migrate backup database: %w", err)
	}
	if err := bk.Close(); err != nil {
		return fmt.Errorf("store: close backup database: %w", err)
	}
	// ATTACH and the transaction must share one connection: take the
	// single writer, so every other write waits until the restore is done.
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: writer connection: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS bk`, path); err != nil {
		return fmt.Errorf("store: attach backup: %w", err)
	}
	defer func() {
		// A failed DETACH leaves bk attached and the next restore's ATTACH says so.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE bk`)
	}()
	tables, err := appTables(ctx, conn)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin restore: %w", err)
	}
	defer tx.Rollback()
	for i := len(tables) - 1; i >= 0; i-- { // children before parents
		if _, err := tx.ExecContext(ctx, `DELETE FROM main.`+quoteIdent(tables[i].name)); err != nil {
			return fmt.Errorf("store: clear %s: %w", tables[i].name, err)
		}
	}
	for _, t := range tables { // parents before children
		cols := strings.Join(t.columns, ", ")
		q := `INSERT INTO main.` + quoteIdent(t.name) + ` (` + cols + `) SELECT ` + cols + ` FROM bk.` + quoteIdent(t.name)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: restore %s: %w", t.name, err)
		}
	}
	if restoreID != "" {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO main.store_state (key, value) VALUES ('restore_id', ?)`, restoreID); err != nil {
			return fmt.Errorf("store: record restore: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit restore: %w", err)
	}
	s.changes.Add(1)
	s.roster.forget("")
	return nil
}

type appTable struct {
	name    string
	columns []string // quoted
	parents []string
}

// appTables lists the main database's tables (without SQLite's own and
// schema_migrations) so that every table comes after the tables its
// foreign keys point to.
func appTables(ctx context.Context, conn *sql.Conn) ([]appTable, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name FROM main.sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'store_state') ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: list tables: %w", err)
		}
		names = append(names, n)
	}
	rows.Close()
	byName := map[string]*appTable{}
	for _, n := range names {
		t := &appTable{name: n}
		if t.columns, err = queryStrings(ctx, conn, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, n); err != nil {
			return nil, fmt.Errorf("store: columns of %s: %w", n, err)
		}
		for i, c := range t.columns {
			t.columns[i] = quoteIdent(c)
		}
		if t.parents, err = queryStrings(ctx, conn, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, n); err != nil {
			return nil, fmt.Errorf("store: foreign keys of %s: %w", n, err)
		}
		byName[n] = t
	}
	var out []appTable
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string) error
	visit = func(n string) error {
		t, ok := byName[n]
		if !ok || state[n] == 2 {
			return nil
		}
		if state[n] == 1 {
			return errors.New("store: foreign keys form a cycle at " + n)
		}
		state[n] = 1
		sort.Strings(t.parents)
		for _, p := range t.parents {
			if p != n {
				if err := visit(p); err != nil {
					return err
				}
			}
		}
		state[n] = 2
		out = append(out, *t)
		return nil
	}
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func queryStrings(ctx context.Context, conn *sql.Conn, q string, args ...any) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// SwapDir puts replacement in place of current and keeps the old directory
// as prev (which must not exist). When current does not exist there is
// nothing to keep. If the second rename fails, the first is undone.
func SwapDir(current, replacement, prev string) error {
	kept := true
	if err := os.Rename(current, prev); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("store: keep old %s: %w", current, err)
		}
		kept = false
	}
	if err := os.Rename(replacement, current); err != nil {
		if kept {
			if rerr := os.Rename(prev, current); rerr != nil {
				return fmt.Errorf("store: move restored files into place: %w; putting the old %s back also failed: %v", err, current, rerr)
			}
		}
		return fmt.Errorf("store: move restored files into place: %w", err)
	}
	return nil
}
