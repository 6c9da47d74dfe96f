package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// ErrUnsafeFileName is returned for a stored file name that is not a bare
// name (a separator, "..", an absolute path, a NUL, or empty). Such a name
// never reaches the file system.
var ErrUnsafeFileName = errors.New("store: unsafe stored file name")

// CheckFileName accepts only a bare file name: not empty, at most 255
// bytes, no '/' or '\\', no "..", no NUL, no ':' (a Windows drive or
// stream). Every file name kept in the database passes it.
func CheckFileName(name string) error {
	if name == "" || name == "." || len(name) > 255 || strings.ContainsAny(name, "/\\:\x00") || strings.Contains(name, "..") {
		return fmt.Errorf("%w: %q", ErrUnsafeFileName, name)
	}
	return nil
}

// Folder is a folder of stored files (uploads/, uploads/materials/, and
// later features' folders). Every access validates the name with
// CheckFileName and then goes through os.Root, so neither a bad row nor a
// symlink planted in the folder can reach a file outside it. The root is
// opened per call: a restore swaps the directory underneath, and a
// long-lived handle would keep pointing at the old one.
type Folder struct{ Dir string }

// NewFolder is the folder of stored files at dir (which may not exist yet).
func NewFolder(dir string) Folder { return Folder{Dir: dir} }

func (f Folder) root() (*os.Root, error) { return os.OpenRoot(f.Dir) }

// Open opens the stored file name for reading. A missing file or folder
// is fs.ErrNotExist; an unsafe name is ErrUnsafeFileName.
func (f Folder) Open(name string) (*os.File, error) {
	return readIn(f, name, func(r *os.Root) (*os.File, error) { return r.Open(name) })
}

// readIn checks name, opens the folder as an os.Root and runs read in it;
// a link out of the folder becomes ErrUnsafeFileName.
func readIn[T any](f Folder, name string, read func(*os.Root) (T, error)) (T, error) {
	var zero T
	if err := CheckFileName(name); err != nil {
		return zero, err
	}
	r, err := f.root()
	if err != nil {
		return zero, err
	}
	defer r.Close()
	v, err := read(r)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return zero, escaped(r, name, err)
	}
	return v, err
}

// escaped turns the error of a link that os.Root refused to follow out
// of the folder into ErrUnsafeFileName; other errors stay as they are.
func escaped(r *os.Root, name string, err error) error {
	if fi, lerr := r.Lstat(name); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%w: %q is a link out of its folder", ErrUnsafeFileName, name)
	}
	return err
}

// ReadFile reads the whole stored file name.
func (f Folder) ReadFile(name string) ([]byte, error) {
	return readIn(f, name, func(r *os.Root) ([]byte, error) { return r.ReadFile(name) })
}

// Remove deletes the stored file name; a file that is already gone is not
// an error.
func (f Folder) Remove(name string) error {
	if err := CheckFileName(name); err != nil {
		return err
	}
	r, err := f.root()
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer r.Close()
	if err := r.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// TempPrefix starts the names of files being written; they are never
// served, never backed up, and removed at the next start (CleanStartup).
const TempPrefix = ".tmp-"

// WriteFile writes data to the stored file name through a temporary file
// and a rename, so a reader never sees half a file. The folder is created
// if needed.
func (f Folder) WriteFile(name string, data []byte) error {
	if err := CheckFileName(name); err != nil {
		return err
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return fmt.Errorf("store: create %s: %w", f.Dir, err)
	}
	r, err := f.root()
	if err != nil {
		return err
	}
	defer r.Close()
	var b [8]byte
	rand.Read(b[:])
	tmp := TempPrefix + hex.EncodeToString(b[:])
	out, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("store: write %s: %w", name, err)
	}
	_, err = out.Write(data)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = r.Rename(tmp, name)
	}
	if err != nil {
		_ = r.Remove(tmp) // best effort: startup cleanup removes leftovers
		return fmt.Errorf("store: write %s: %w", name, err)
	}
	return nil
}

// storedFileColumn is a database column that holds names of files in a
// Folder. Every such column is listed here, so that a restore checks all
// of them; a feature that stores files adds its row.
type storedFileColumn struct {
	Table, Column string
}

var storedFileColumns = []storedFileColumn{
	{"uploads", "name"},
	{"materials", "file_name"}, // '' for links
}

// RegisterFileColumn adds a table column of stored file names to the list
// a restore checks (for features that keep files of their own). Call it
// from an init function: the list is not guarded for concurrent use.
func RegisterFileColumn(table, column string) {
	storedFileColumns = append(storedFileColumns, storedFileColumn{table, column})
}

// checkStoredFileNames refuses a database in which any stored file name
// is unsafe. Tables that do not exist (an older backup) are skipped; an
// empty name is allowed (a link material has none).
func checkStoredFileNames(ctx context.Context, db *sql.DB) error {
	for _, c := range storedFileColumns {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?`, c.Table, c.Column).Scan(&n); err != nil {
			return invalid("the backup database cannot be read: %v", err)
		}
		if n == 0 {
			continue
		}
		rows, err := db.QueryContext(ctx, `SELECT CAST(`+quoteIdent(c.Column)+` AS TEXT) FROM `+quoteIdent(c.Table)+
			` WHERE `+quoteIdent(c.Column)+` IS NOT NULL AND `+quoteIdent(c.Column)+` != ''`)
		if err != nil {
			return invalid("the backup database cannot be read: %v", err)
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return invalid("the backup database cannot be read: %v", err)
			}
			if CheckFileName(name) != nil {
				rows.Close()
				return invalid("the backup database stores the file name %q in %s.%s, which points outside its folder; only bare file names are allowed",
					name, c.Table, c.Column)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return invalid("the backup database cannot be read: %v", err)
		}
	}
	return nil
}
