package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// journalName is the restore journal in the data dir: written before a
// restore changes anything, removed when it is complete. If it is still
// there at the next start, the restore was interrupted (see recoverRestore).
const journalName = "restore-journal.json"

type restoreJournal struct {
	ID          string    `json:"id"`           // also written into store_state in the restore's transaction
	Extracted   string    `json:"extracted"`    // the verified restore-* directory, in the data dir
	UploadsPrev string    `json:"uploads_prev"` // where the old uploads directory goes
	Replace     bool      `json:"replace"`      // the damaged database file is being replaced
	StartedAt   time.Time `json:"started_at"`
}

// ApplyRestore replaces the workshop with the verified backup ex, which
// must have been extracted into dataDir. A healthy database is first
// saved as backups/pre-restore-<time>.zip and its rows are replaced in
// one transaction; a damaged database file is moved to damaged-<time>/
// and replaced by the backup's file, and the store leaves the damaged
// state. Then the uploads directory is swapped. A journal written before
// the first change lets the next start finish or undo an interrupted
// restore (RecoverStartup), so it is never left half-done.
func (s *Store) ApplyRestore(ctx context.Context, ex *Extracted, dataDir string) (model.RestoreReport, error) {
	var rep model.RestoreReport
	if filepath.Dir(ex.Dir) != filepath.Clean(dataDir) {
		return rep, fmt.Errorf("store: restore: %s is not in the data dir %s", ex.Dir, dataDir)
	}
	stamp := time.Now().UTC().Format("20060102T150405.000Z")
	j := restoreJournal{ID: NewID(), Extracted: filepath.Base(ex.Dir), UploadsPrev: "uploads.prev-" + stamp, StartedAt: time.Now().UTC()}
	if exists(filepath.Join(dataDir, j.UploadsPrev)) {
		j.UploadsPrev += "-" + j.ID
	}
	if s.Damage() == nil {
		pre := filepath.Join(dataDir, "backups", "pre-restore-"+stamp+".zip")
		if _, err := s.WriteBackupFile(ctx, pre, filepath.Join(dataDir, "uploads")); err != nil {
			return rep, fmt.Errorf("store: pre-restore backup: %w", err)
		}
		rep.PreRestoreBackup = "backups/" + filepath.Base(pre)
		if err := writeJournal(dataDir, j); err != nil {
			return rep, err
		}
		if err := s.restoreDatabase(ctx, ex.DBPath, j.ID); err != nil {
			os.Remove(filepath.Join(dataDir, journalName)) // the transaction rolled back: nothing changed
			return rep, fmt.Errorf("store: restore database (previous data kept in %s): %w", rep.PreRestoreBackup, err)
		}
	} else {
		j.Replace = true
		if err := markRestore(ctx, ex.DBPath, j.ID); err != nil {
			return rep, err
		}
		if err := writeJournal(dataDir, j); err != nil {
			return rep, err
		}
		copyDir, err := s.replaceFile(ctx, ex.DBPath, dataDir, stamp)
		rep.DamagedCopy = copyDir
		if err != nil {
			return rep, err
		}
	}
	ex.keep = true // the journal owns the extracted files now
	if err := finishRestore(dataDir, j); err != nil {
		return rep, fmt.Errorf("store: restore uploads (the database is restored; the next start completes the restore): %w", err)
	}
	return rep, nil
}

// markRestore migrates the extracted database to our schema and records
// the restore's id in it, before it replaces the damaged file.
func markRestore(ctx context.Context, dbPath, id string) error {
	bk, err := Open(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("store: migrate backup database: %w", err)
	}
	err = bk.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO store_state (key, value) VALUES ('restore_id', ?)`, id)
		return err
	})
	return errors.Join(err, bk.Close())
}

// replaceFile moves the damaged database files (with their -wal and -shm)
// into damaged-<stamp>/ and puts newDB in their place, then reopens the
// pools on it. Only called in the damaged state, when the API lets no
// other request reach the store.
func (s *Store) replaceFile(ctx context.Context, newDB, dataDir, stamp string) (string, error) {
	dst := filepath.Join(dataDir, "damaged-"+stamp)
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return "", fmt.Errorf("store: keep damaged database: %w", err)
	}
	rel := "damaged-" + stamp
	s.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(s.path+suffix, filepath.Join(dst, filepath.Base(s.path)+suffix))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return rel, fmt.Errorf("store: move damaged database aside: %w", err)
		}
	}
	if err := os.Rename(newDB, s.path); err != nil {
		return rel, fmt.Errorf("store: put restored database in place: %w", err)
	}
	if err := s.openPools(ctx); err != nil {
		return rel, fmt.Errorf("store: open restored database: %w", err)
	}
	s.damage.Store(nil)
	s.changes.Add(1)
	s.roster.forget("")
	return rel, nil
}

func writeJournal(dataDir string, j restoreJournal) error {
	data, _ := json.Marshal(j)
	p := filepath.Join(dataDir, journalName)
	tmp := p + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("store: restore journal: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err == nil {
		err = syncDir(dataDir)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: restore journal: %w", err)
	}
	return nil
}

func readJournal(dataDir string) (*restoreJournal, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, journalName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j restoreJournal
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("store: restore journal is damaged: %w", err)
	}
	if CheckFileName(j.Extracted) != nil || CheckFileName(j.UploadsPrev) != nil {
		return nil, fmt.Errorf("store: restore journal names unsafe paths")
	}
	return &j, nil
}

// finishRestore puts the restored uploads in place and removes the
// extracted directory and the journal. Each step can be repeated after a
// crash: it looks at what is on disk.
func finishRestore(dataDir string, j restoreJournal) error {
	uploads := filepath.Join(dataDir, "uploads")
	repl := filepath.Join(dataDir, j.Extracted, "uploads")
	prev := filepath.Join(dataDir, j.UploadsPrev)
	if exists(repl) {
		if exists(uploads) {
			if exists(prev) {
				prev += "-" + NewID()
			}
			if err := os.Rename(uploads, prev); err != nil {
				return fmt.Errorf("keep old uploads: %w", err)
			}
		}
		if err := os.Rename(repl, uploads); err != nil {
			return fmt.Errorf("move restored uploads into place: %w", err)
		}
	}
	return endJournal(dataDir, j)
}

// rollbackRestore undoes an interrupted restore whose database
// transaction never committed: the old uploads stay (or come back).
func rollbackRestore(dataDir string, j restoreJournal) error {
	uploads := filepath.Join(dataDir, "uploads")
	prev := filepath.Join(dataDir, j.UploadsPrev)
	if !exists(uploads) && exists(prev) {
		if err := os.Rename(prev, uploads); err != nil {
			return fmt.Errorf("put old uploads back: %w", err)
		}
	}
	return endJournal(dataDir, j)
}

func endJournal(dataDir string, j restoreJournal) error {
	if err := os.RemoveAll(filepath.Join(dataDir, j.Extracted)); err != nil {
		return err
	}
	err := os.Remove(filepath.Join(dataDir, journalName))
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return err
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync() // some systems cannot sync a directory; the rename is done either way
	return nil
}

// restoreID is the id of the last restore recorded in store_state.
func (s *Store) restoreID(ctx context.Context) (string, error) {
	var id string
	err := s.read.QueryRowContext(ctx, `SELECT value FROM store_state WHERE key = 'restore_id'`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}
