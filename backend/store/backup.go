package store

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Backup archive layout (docs/backup.md): database.sqlite (a VACUUM INTO
// snapshot), uploads/... (every file of the uploads directory) and
// manifest.json, written last, with a sha256 of every other entry.
const (
	BackupApp        = "open-codelabs-desktop"
	backupFormat     = 1
	backupDBName     = "database.sqlite"
	backupUploads    = "uploads/"
	backupManifest   = "manifest.json"
	maxManifestBytes = 16 << 20
)

// Restore limits: what an archive may hold before it is refused unread.
var (
	MaxBackupEntries       = 200_000
	MaxBackupBytes   int64 = 8 << 30 // all entries, decompressed
)

// Manifest describes a backup archive.
type Manifest struct {
	App           string         `json:"app"`
	Format        int            `json:"format"`
	SchemaVersion int            `json:"schema_version"`
	CreatedAt     time.Time      `json:"created_at"`
	Files         []ManifestFile `json:"files"`
}

// ManifestFile is one archive entry with its checksum.
type ManifestFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// BackupError is why an archive was refused; Message is a human sentence.
// Nothing was changed when it is returned.
type BackupError struct{ Message string }

func (e *BackupError) Error() string { return "store: invalid backup: " + e.Message }

func invalid(format string, args ...any) error {
	return &BackupError{Message: fmt.Sprintf(format, args...)}
}

// Snapshot writes a consistent copy of the live database to dst (which
// must not exist) with VACUUM INTO, while the server keeps running.
func (s *Store) Snapshot(ctx context.Context, dst string) error {
	if _, err := s.write.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("store: snapshot: %w", err)
	}
	return nil
}

// WriteBackup writes a backup archive of the database and of uploadsDir to
// w. tmpDir holds the database snapshot while it is copied.
func (s *Store) WriteBackup(ctx context.Context, w io.Writer, uploadsDir, tmpDir string) (*Manifest, error) {
	work, err := os.MkdirTemp(tmpDir, "backup-")
	if err != nil {
		return nil, fmt.Errorf("store: backup temp dir: %w", err)
	}
	defer os.RemoveAll(work)
	snap := filepath.Join(work, backupDBName)
	if err := s.Snapshot(ctx, snap); err != nil {
		return nil, err
	}
	version, err := s.SchemaVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: backup schema version: %w", err)
	}
	m := &Manifest{App: BackupApp, Format: backupFormat, SchemaVersion: version, CreatedAt: time.Now().UTC(), Files: []ManifestFile{}}
	zw := zip.NewWriter(w)
	if err := addFile(zw, m, backupDBName, snap, zip.Deflate); err != nil {
		return nil, err
	}
	if err := addUploads(zw, m, uploadsDir); err != nil {
		return nil, fmt.Errorf("store: backup uploads: %w", err)
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("store: backup manifest: %w", err)
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: backupManifest, Method: zip.Deflate, Modified: m.CreatedAt})
	if err == nil {
		_, err = fw.Write(mj)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("store: write backup: %w", err)
	}
	return m, nil
}

// addUploads adds every regular file under uploadsDir, walked and opened
// through os.Root so that a symlink in the folder cannot pull in a file
// from outside. Files still being written (TempPrefix) are left out.
func addUploads(zw *zip.Writer, m *Manifest, uploadsDir string) error {
	root, err := os.OpenRoot(uploadsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing uploaded yet
	}
	if err != nil {
		return err
	}
	defer root.Close()
	return fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), TempPrefix) {
			return nil // directories (walked into), links, files being written
		}
		method := zip.Deflate
		switch strings.ToLower(path.Ext(p)) {
		case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip":
			method = zip.Store // already compressed
		}
		f, err := root.Open(filepath.FromSlash(p))
		if err != nil {
			return err
		}
		defer f.Close()
		return addReader(zw, m, backupUploads+p, f, method)
	})
}

// addFile copies the file at src into zw as name, hashing what it copies.
func addFile(zw *zip.Writer, m *Manifest, name, src string, method uint16) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("store: backup %s: %w", name, err)
	}
	defer f.Close()
	return addReader(zw, m, name, f, method)
}

func addReader(zw *zip.Writer, m *Manifest, name string, f io.Reader, method uint16) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: m.CreatedAt})
	if err != nil {
		return fmt.Errorf("store: backup %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(fw, h), f)
	if err != nil {
		return fmt.Errorf("store: backup %s: %w", name, err)
	}
	m.Files = append(m.Files, ManifestFile{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

// WriteBackupFile writes a backup archive to dst, atomically: a crash
// leaves either no file or a complete one.
func (s *Store) WriteBackupFile(ctx context.Context, dst, uploadsDir string) (*Manifest, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return nil, fmt.Errorf("store: backup dir: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".backup-*.zip")
	if err != nil {
		return nil, fmt.Errorf("store: backup file: %w", err)
	}
	defer os.Remove(f.Name())
	m, err := s.WriteBackup(ctx, f, uploadsDir, filepath.Dir(s.path))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Rename(f.Name(), dst); err != nil {
		return nil, fmt.Errorf("store: backup file: %w", err)
	}
	return m, nil
}

// Extracted is a verified backup unpacked into Dir: the database at
// DBPath and the uploads tree at UploadsDir (always present, maybe empty).
type Extracted struct {
	Dir        string
	DBPath     string
	UploadsDir string
	Manifest   Manifest
	keep       bool // ApplyRestore's journal took the files over
}

// Remove deletes the extracted files (unless a restore took them over).
func (e *Extracted) Remove() error {
	if e.keep {
		return nil
	}
	return os.RemoveAll(e.Dir)
}

// VerifyBackup checks the archive at archivePath completely and unpacks it
// into a new directory under workDir. It refuses (with *BackupError) an
// archive that is not a ZIP, has no manifest or someone else's, has an
// entry that is missing, extra, unsafe, too large or whose checksum does
// not match, or holds a database that fails PRAGMA integrity_check or is
// newer than this program. Nothing outside the new directory is touched.
func (s *Store) VerifyBackup(ctx context.Context, archivePath, workDir string) (*Extracted, error) {
	f, err := os.Open(archivePath)
	if err != nil {
		return nil, fmt.Errorf("store: open backup: %w", err)
	}
	defer f.Close()
	return s.verifyArchive(ctx, f, workDir)
}

func (s *Store) verifyArchive(ctx context.Context, f *os.File, workDir string) (*Extracted, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("store: open backup: %w", err)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, invalid("the file is not a readable ZIP archive (%v); it may be truncated or damaged", err)
	}
	if len(zr.File) > MaxBackupEntries {
		return nil, invalid("the archive holds %d files; at most %d are accepted", len(zr.File), MaxBackupEntries)
	}
	m, err := readManifest(zr)
	if err != nil {
		return nil, err
	}
	ours := LatestSchemaVersion() // not the live file's: it may be damaged
	if m.SchemaVersion > ours {
		return nil, invalid("the backup was made by a newer version of the app (schema %d, this one has %d); update the app first", m.SchemaVersion, ours)
	}
	want := map[string]ManifestFile{}
	var total int64
	for _, f := range m.Files {
		if _, dup := want[f.Path]; dup {
			return nil, invalid("the manifest lists %q twice", f.Path)
		}
		if err := checkEntryName(f.Path); err != nil {
			return nil, err
		}
		if f.Size < 0 {
			return nil, invalid("the manifest gives %q a negative size", f.Path)
		}
		total += f.Size
		want[f.Path] = f
	}
	if _, ok := want[backupDBName]; !ok {
		return nil, invalid("the archive has no %s", backupDBName)
	}
	if total > MaxBackupBytes {
		return nil, invalid("the archive unpacks to more than %d GB", MaxBackupBytes>>30)
	}
	dir, err := os.MkdirTemp(workDir, "restore-")
	if err != nil {
		return nil, fmt.Errorf("store: restore temp dir: %w", err)
	}
	ex := &Extracted{Dir: dir, DBPath: filepath.Join(dir, backupDBName), UploadsDir: filepath.Join(dir, "uploads"), Manifest: *m}
	if err := extractAll(zr, want, dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := os.MkdirAll(ex.UploadsDir, 0o700); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("store: restore uploads dir: %w", err)
	}
	if err := checkDatabase(ctx, ex.DBPath, m.SchemaVersion); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := checkLoopRows(ctx, ex.DBPath); err != nil { // loop_restore.go
		os.RemoveAll(dir)
		return nil, err
	}
	return ex, nil
}

func readManifest(zr *zip.Reader) (*Manifest, error) {
	for _, f := range zr.File {
		if f.Name != backupManifest {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, invalid("manifest.json cannot be read: %v", err)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxManifestBytes+1))
		if err != nil {
			return nil, invalid("manifest.json is damaged: %v", err)
		}
		if len(data) > maxManifestBytes {
			return nil, invalid("manifest.json is larger than %d MB", maxManifestBytes>>20)
		}
		var m Manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, invalid("manifest.json is not valid JSON: %v", err)
		}
		if m.App != BackupApp {
			return nil, invalid("the archive is not an Open Codelabs Desktop backup (app %q)", m.App)
		}
		if m.Format != backupFormat {
			return nil, invalid("the backup format %d is not supported (this app reads format %d)", m.Format, backupFormat)
		}
		return &m, nil
	}
	return nil, invalid("the archive has no manifest.json, so it is not an Open Codelabs Desktop backup")
}

// checkEntryName allows only our layout: the database, or a clean
// relative path under uploads/.
func checkEntryName(name string) error {
	if name == backupDBName {
		return nil
	}
	clean := path.Clean(name)
	if !strings.HasPrefix(name, backupUploads) || clean != name || strings.Contains(name, "\\") ||
		strings.Contains(name, "..") || strings.ContainsRune(name, 0) || len(name) > 1024 || name == "uploads/" {
		return invalid("the archive entry %q is not allowed (only %s and files under uploads/)", name, backupDBName)
	}
	return nil
}

// extractAll unpacks every entry listed in want, verifying size and
// checksum as it reads, and refuses entries that are not listed.
func extractAll(zr *zip.Reader, want map[string]ManifestFile, dir string) error {
	seen := map[string]bool{}
	for _, f := range zr.File {
		if f.Name == backupManifest {
			continue
		}
		if strings.HasSuffix(f.Name, "/") && f.FileInfo().IsDir() {
			continue // directory entries carry no data
		}
		mf, ok := want[f.Name]
		if !ok {
			return invalid("the archive entry %q is not listed in the manifest", f.Name)
		}
		if seen[f.Name] {
			return invalid("the archive holds %q twice", f.Name)
		}
		seen[f.Name] = true
		if !f.Mode().IsRegular() {
			return invalid("the archive entry %q is not a regular file", f.Name)
		}
		if err := extractOne(f, mf, filepath.Join(dir, filepath.FromSlash(f.Name))); err != nil {
			return err
		}
	}
	for name := range want {
		if !seen[name] {
			return invalid("the file %q listed in the manifest is missing from the archive", name)
		}
	}
	return nil
}

func extractOne(f *zip.File, mf ManifestFile, dst string) error {
	rc, err := f.Open()
	if err != nil {
		return invalid("the archive entry %q cannot be read: %v", f.Name, err)
	}
	defer rc.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("store: restore %s: %w", f.Name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(rc, mf.Size+1))
	if cerr := out.Close(); err == nil && cerr != nil {
		return fmt.Errorf("store: restore %s: %w", f.Name, cerr)
	}
	if err != nil {
		return invalid("the archive entry %q is damaged: %v", f.Name, err)
	}
	if n != mf.Size {
		return invalid("the archive entry %q has %d bytes; the manifest says %d", f.Name, n, mf.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != strings.ToLower(mf.SHA256) {
		return invalid("the checksum of %q does not match the manifest; the archive is damaged", f.Name)
	}
	return nil
}

// checkDatabase runs PRAGMA integrity_check on the extracted database and
// checks that its recorded schema version is the manifest's.
func checkDatabase(ctx context.Context, dbPath string, manifestVersion int) error {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return fmt.Errorf("store: open backup database: %w", err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return invalid("the backup database cannot be read: %v", err)
	}
	if result != "ok" {
		return invalid("the backup database failed its integrity check: %s", result)
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return invalid("the backup database has no schema version: %v", err)
	}
	if version != manifestVersion {
		return invalid("the backup database has schema %d but the manifest says %d", version, manifestVersion)
	}
	return checkStoredFileNames(ctx, db)
}
