package store

import (
	"archive/zip"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// Automatic backups (docs/backup.md): rolling snapshots in
// <data dir>/backups/auto, in the same archive format as manual backups
// and verified the same way after writing.
const (
	AutoInterval   = 10 * time.Minute // how often Run looks for changes
	AutoKeepRecent = 12               // the newest snapshots always kept
	AutoKeepDays   = 7                // plus the newest of each day for this many days
	autoTimeLayout = "20060102T150405Z"
)

var autoNameRx = regexp.MustCompile(`^auto-\d{8}T\d{6}Z\.zip$`)

// AutoDir is the folder of automatic backups in dataDir.
func AutoDir(dataDir string) string { return filepath.Join(dataDir, "backups", "auto") }

// IsAutoBackupName reports whether name is the name of an automatic
// backup (the only names the restore-by-name endpoint accepts).
func IsAutoBackupName(name string) bool { return autoNameRx.MatchString(name) }

// AutoBackups takes the rolling snapshots. Now is the clock (tests pass
// a fake one); Lock, when set, is held while a snapshot is written so no
// upload or restore changes the files underneath.
type AutoBackups struct {
	s       *Store
	dataDir string
	Now     func() time.Time
	Lock    sync.Locker
	Log     *slog.Logger

	mu    sync.Mutex
	taken bool  // a snapshot was taken since the store was opened
	last  int64 // s.Changes() when it was taken
}

// NewAutoBackups prepares automatic backups of s into dataDir.
func NewAutoBackups(s *Store, dataDir string) *AutoBackups {
	return &AutoBackups{s: s, dataDir: dataDir, Now: time.Now, Log: slog.Default()}
}

// Run takes a snapshot at once, then one on each tick while anything
// changed, until ctx ends.
func (b *AutoBackups) Run(ctx context.Context, tick <-chan time.Time) {
	for {
		if _, err := b.Tick(ctx); err != nil && ctx.Err() == nil {
			b.Log.Error("automatic backup failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}

// Tick takes a snapshot if none was taken since start or anything changed
// since the last one, then applies the retention rule. It returns the new
// backup's name, or "" when nothing was taken (nothing changed, or the
// database is damaged: a damaged file is never snapshotted and no good
// snapshot is pruned for it).
func (b *AutoBackups) Tick(ctx context.Context) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.s.Damage() != nil {
		return "", nil
	}
	changes := b.s.Changes() // read first: a write during the snapshot makes the next tick take another
	if b.taken && changes == b.last {
		return "", nil
	}
	now := b.Now().UTC()
	// Names have one-second resolution; a second snapshot within the same
	// second (two quick restarts) takes the next free second rather than
	// being skipped, which would leave the newer data out of every backup.
	name, dst := "", ""
	for at := now; ; at = at.Add(time.Second) {
		name = "auto-" + at.Format(autoTimeLayout) + ".zip"
		if dst = filepath.Join(AutoDir(b.dataDir), name); !exists(dst) {
			break
		}
	}
	if err := b.write(ctx, dst); err != nil {
		return "", err
	}
	b.taken, b.last = true, changes
	if err := b.Prune(now); err != nil {
		return name, err
	}
	return name, nil
}

// write writes the archive and verifies it like a restore would; an
// archive that fails is deleted.
func (b *AutoBackups) write(ctx context.Context, dst string) error {
	if b.Lock != nil {
		b.Lock.Lock()
		defer b.Lock.Unlock()
	}
	if _, err := b.s.WriteBackupFile(ctx, dst, filepath.Join(b.dataDir, "uploads")); err != nil {
		return fmt.Errorf("store: automatic backup: %w", err)
	}
	ex, err := b.s.VerifyBackup(ctx, dst, b.dataDir)
	if err != nil {
		os.Remove(dst)
		return fmt.Errorf("store: automatic backup %s failed its check and was deleted: %w", filepath.Base(dst), err)
	}
	return ex.Remove()
}

// Prune deletes the automatic backups the retention rule does not keep:
// the AutoKeepRecent newest, plus the newest of each UTC day for the
// days less than AutoKeepDays old (now's day and the six before).
func (b *AutoBackups) Prune(now time.Time) error {
	list, err := ListAutoBackups(b.dataDir)
	if err != nil {
		return err
	}
	keep := keepBackups(list, now)
	for _, bk := range list {
		if !keep[bk.Name] {
			if err := NewFolder(AutoDir(b.dataDir)).Remove(bk.Name); err != nil {
				return fmt.Errorf("store: prune automatic backups: %w", err)
			}
		}
	}
	return nil
}

// keepBackups applies the retention rule to list (newest first).
func keepBackups(list []model.BackupInfo, now time.Time) map[string]bool {
	keep := map[string]bool{}
	today := now.UTC().Truncate(24 * time.Hour)
	oldest := today.AddDate(0, 0, -(AutoKeepDays - 1))
	days := map[time.Time]bool{}
	for i, bk := range list {
		if i < AutoKeepRecent {
			keep[bk.Name] = true
		}
		day := bk.CreatedAt.UTC().Truncate(24 * time.Hour)
		if !day.Before(oldest) && !days[day] {
			days[day] = true // the first seen is the newest of its day
			keep[bk.Name] = true
		}
	}
	return keep
}

// ListAutoBackups lists the automatic backups in dataDir, newest first.
// Other files in the folder are ignored.
func ListAutoBackups(dataDir string) ([]model.BackupInfo, error) {
	entries, err := os.ReadDir(AutoDir(dataDir))
	if os.IsNotExist(err) {
		return []model.BackupInfo{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: list automatic backups: %w", err)
	}
	out := []model.BackupInfo{}
	for _, e := range entries {
		if !e.Type().IsRegular() || !autoNameRx.MatchString(e.Name()) {
			continue
		}
		t, err := time.Parse(autoTimeLayout, e.Name()[len("auto-"):len(e.Name())-len(".zip")])
		if err != nil {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, model.BackupInfo{Name: e.Name(), CreatedAt: t, Size: fi.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out, nil
}

// NewestGoodAutoBackup is the newest automatic backup whose archive still
// opens and carries a valid manifest (a cheap check: the central
// directory and manifest.json; a restore verifies everything). A snapshot
// cut short or damaged on disk since is skipped. nil when there is none.
func NewestGoodAutoBackup(dataDir string) (*model.BackupInfo, error) {
	list, err := ListAutoBackups(dataDir)
	if err != nil {
		return nil, err
	}
	for _, b := range list {
		f, err := NewFolder(AutoDir(dataDir)).Open(b.Name)
		if err != nil {
			continue
		}
		zr, err := zip.NewReader(f, b.Size)
		if err == nil {
			_, err = readManifest(zr)
		}
		f.Close()
		if err == nil {
			return &b, nil
		}
	}
	return nil, nil
}

// VerifyAutoBackup verifies the automatic backup name (opened inside its
// folder with os.Root) and unpacks it into workDir, like VerifyBackup.
func (s *Store) VerifyAutoBackup(ctx context.Context, dataDir, name, workDir string) (*Extracted, error) {
	if !IsAutoBackupName(name) {
		return nil, fmt.Errorf("store: automatic backup %q: %w", name, ErrNotFound)
	}
	f, err := NewFolder(AutoDir(dataDir)).Open(name)
	if os.IsNotExist(err) {
		return nil, fmt.Errorf("store: automatic backup %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return s.verifyArchive(ctx, f, workDir)
}
