package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// ErrDamaged is returned by every write while the database is damaged
// (see Damage): nothing is written to a file that failed its check.
var ErrDamaged = errors.New("store: the database is damaged; restore a backup")

// Damage is non-nil while the store runs in the damaged state: reads go
// to the damaged file read-only, writes fail with ErrDamaged, until a
// backup replaces the file (ApplyRestore).
func (s *Store) Damage() *model.Damage { return s.damage.Load() }

// CheckDataDir makes sure dir exists and is writable, and says which
// folder and why when it is not (read-only disk, permissions, a file in
// the way, disk full).
func CheckDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("the data folder %s cannot be created: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("the data folder %s is not writable (%w); check its permissions and that the disk is not read-only", dir, err)
	}
	_, err = f.Write([]byte("ok"))
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	os.Remove(f.Name())
	if err != nil {
		if IsDiskFull(err) {
			return fmt.Errorf("the data folder %s cannot be written: the disk is full (%w)", dir, err)
		}
		return fmt.Errorf("the data folder %s cannot be written (%w)", dir, err)
	}
	return nil
}

// OpenChecked opens the workshop database the way the server starts:
// the data folder must be writable, and an existing database file must
// pass PRAGMA quick_check. A file that fails (corrupted pages, a 0-byte
// file, a file that is not SQLite) is not an error: the store opens it
// read-only in the damaged state, so the facilitator can see what
// happened and restore a backup. A missing file is a new workshop.
func OpenChecked(ctx context.Context, path string) (*Store, error) {
	if err := CheckDataDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	reason, err := inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if reason == "" {
		s, err := Open(ctx, path)
		if err == nil || IsDiskFull(err) {
			return s, err
		}
		if _, serr := os.Stat(path); serr != nil {
			return nil, err // a new file that cannot be created: not damage
		}
		reason = "it cannot be opened: " + err.Error()
	}
	return openDamaged(path, reason)
}

// inspect returns why the existing database file at path is damaged, or
// "" when it is absent or passes PRAGMA quick_check.
func inspect(ctx context.Context, path string) (string, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("store: %s is not a regular file", path)
	}
	if fi.Size() == 0 {
		return "the database file is empty (0 bytes), so it holds no workshop; it was probably cut short by a crash or a full disk", nil
	}
	// No journal_mode pragma: checking must not change the file's header.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return "", fmt.Errorf("store: open for check: %w", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return "PRAGMA quick_check could not read it: " + err.Error(), nil
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "PRAGMA quick_check could not read it: " + err.Error(), nil
		}
		found = append(found, line)
	}
	if err := rows.Err(); err != nil {
		return "PRAGMA quick_check could not read it: " + err.Error(), nil
	}
	if len(found) == 1 && found[0] == "ok" {
		return "", nil
	}
	return "PRAGMA quick_check found: " + strings.ReplaceAll(strings.Join(found, "; "), "\n", "; "), nil
}

// openDamaged opens path read-only and marks the store damaged.
func openDamaged(path, reason string) (*Store, error) {
	dsn := "file:" + path + "?mode=ro&" + url.Values{"_pragma": {"busy_timeout(10000)", "query_only(1)"}}.Encode()
	write, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open damaged database: %w", err)
	}
	read, err := sql.Open("sqlite", dsn)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open damaged database: %w", err)
	}
	write.SetMaxOpenConns(1)
	s := &Store{path: path, write: write, read: read}
	s.damage.Store(&model.Damage{Reason: reason, DetectedAt: time.Now().UTC()})
	return s, nil
}
