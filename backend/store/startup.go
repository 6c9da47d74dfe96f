package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// OpenDataDir opens the workshop database at dbPath the way the server
// starts (the data dir is dbPath's folder):
//
//  1. the data folder must exist and be writable (CheckDataDir);
//  2. a restore interrupted by a crash is completed (its database change
//     had committed) or rolled back (it had not), using its journal;
//  3. the database must pass PRAGMA quick_check, else the store opens in
//     the damaged state (OpenChecked);
//  4. leftovers are removed: temporary files of restores, backups and
//     uploads, and image and material files no row refers to (an import
//     or upload cut off between writing its files and committing).
func OpenDataDir(ctx context.Context, dbPath string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.Default()
	}
	dataDir := filepath.Dir(dbPath)
	if err := CheckDataDir(dataDir); err != nil {
		return nil, err
	}
	j, err := readJournal(dataDir)
	if err != nil {
		log.Error("ignoring an unreadable restore journal", "file", filepath.Join(dataDir, journalName), "err", err)
		j = nil
	}
	if j != nil && j.Replace {
		// Crashed between moving the damaged file aside and moving the backup in.
		restored := filepath.Join(dataDir, j.Extracted, backupDBName)
		if !exists(dbPath) && exists(restored) {
			if err := os.Rename(restored, dbPath); err != nil {
				return nil, fmt.Errorf("store: complete interrupted restore: %w", err)
			}
		}
	}
	s, err := OpenChecked(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	if d := s.Damage(); d != nil {
		log.Error("THE DATABASE IS DAMAGED: serving no workshop data until a backup is restored (admin window, Data menu)",
			"file", dbPath, "reason", d.Reason)
	}
	if j != nil && s.Damage() == nil {
		if err := s.recoverRestore(ctx, dataDir, *j, log); err != nil {
			s.Close()
			return nil, err
		}
	}
	removed := CleanStartup(ctx, s, dataDir, j != nil && s.Damage() != nil)
	if len(removed) > 0 {
		log.Info("removed leftovers of interrupted work", "count", len(removed), "files", removed)
	}
	return s, nil
}

// recoverRestore finishes or undoes the restore of journal j.
func (s *Store) recoverRestore(ctx context.Context, dataDir string, j restoreJournal, log *slog.Logger) error {
	id, err := s.restoreID(ctx)
	if err != nil {
		return fmt.Errorf("store: read restore state: %w", err)
	}
	if id == j.ID {
		if err := finishRestore(dataDir, j); err != nil {
			return fmt.Errorf("store: complete interrupted restore: %w", err)
		}
		log.Warn("completed a restore that was interrupted after its database change", "started_at", j.StartedAt)
		return nil
	}
	if err := rollbackRestore(dataDir, j); err != nil {
		return fmt.Errorf("store: roll back interrupted restore: %w", err)
	}
	log.Warn("rolled back a restore that was interrupted before its database change; the data is as before", "started_at", j.StartedAt)
	return nil
}

var (
	imageNameRx    = regexp.MustCompile(`^[a-z2-7]{32}\.(png|jpg|gif|webp)$`)
	materialNameRx = regexp.MustCompile(`^[a-z2-7]{32}$`)
)

// CleanStartup removes what interrupted work leaves in the data dir and
// returns the removed paths (relative). keepRestore keeps restore-*
// directories (a journal still needs one while the database is damaged).
// Orphaned files are only looked for when the database is healthy.
func CleanStartup(ctx context.Context, s *Store, dataDir string, keepRestore bool) []string {
	var removed []string
	rm := func(rel string) {
		if err := os.RemoveAll(filepath.Join(dataDir, rel)); err == nil {
			removed = append(removed, filepath.ToSlash(rel))
		}
	}
	entries, _ := os.ReadDir(dataDir)
	for _, e := range entries {
		n := e.Name()
		switch {
		case e.IsDir() && (strings.HasPrefix(n, "restore-") && !keepRestore || strings.HasPrefix(n, "backup-")),
			!e.IsDir() && (strings.HasPrefix(n, ".restore-upload-") || strings.HasPrefix(n, ".download-backup-") ||
				strings.HasPrefix(n, ".write-test-") || n == journalName+".tmp"):
			rm(n)
		}
	}
	for _, dir := range []string{"backups", filepath.Join("backups", "auto")} {
		entries, _ := os.ReadDir(filepath.Join(dataDir, dir))
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".backup-") {
				rm(filepath.Join(dir, e.Name()))
			}
		}
	}
	uploads := filepath.Join("uploads")
	materials := filepath.Join("uploads", "materials")
	for _, dir := range []string{uploads, materials} {
		entries, _ := os.ReadDir(filepath.Join(dataDir, dir))
		for _, e := range entries {
			if !e.IsDir() && strings.HasPrefix(e.Name(), TempPrefix) {
				rm(filepath.Join(dir, e.Name()))
			}
		}
	}
	if s.Damage() != nil {
		return removed
	}
	for _, o := range []struct {
		dir, query string
		rx         *regexp.Regexp
	}{
		{uploads, `SELECT COUNT(*) FROM uploads WHERE name = ?`, imageNameRx},
		{materials, `SELECT COUNT(*) FROM materials WHERE file_name = ?`, materialNameRx},
	} {
		entries, err := os.ReadDir(filepath.Join(dataDir, o.dir))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !o.rx.MatchString(e.Name()) {
				continue
			}
			var n int
			if err := s.read.QueryRowContext(ctx, o.query, e.Name()).Scan(&n); err == nil && n == 0 {
				rm(filepath.Join(o.dir, e.Name()))
			}
		}
	}
	return removed
}
