package api

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"

	"github.com/opencodelabs/desktop/backend/store"
)

// maxRestoreBytes bounds an uploaded backup archive.
const maxRestoreBytes int64 = 4 << 30

// backup sends the whole workshop as one ZIP: GET /api/admin/backup. The
// archive is built in a temporary file first so a failure is still a
// JSON error rather than a truncated download.
func (a *API) backup(w http.ResponseWriter, r *http.Request) error {
	f, err := os.CreateTemp(a.dataDir(), ".download-backup-*.zip")
	if err != nil {
		return fmt.Errorf("api: backup temp file: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	a.content.mu.RLock()
	m, err := a.Store.WriteBackup(r.Context(), f, a.uploadsDir(), a.dataDir())
	a.content.mu.RUnlock()
	if err != nil {
		return err
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("api: backup size: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("api: backup rewind: %w", err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", attachment("open-codelabs-backup-"+m.CreatedAt.Format("20060102-150405Z")+".zip"))
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Cache-Control", "no-store")
	a.audit(r, "backup.download", "", "backup", "", map[string]any{"bytes": size})
	w.WriteHeader(http.StatusOK)
	_, err = io.Copy(w, f)
	return err
}

// restore replaces the whole workshop with a backup archive:
// POST /api/admin/restore (multipart field file). The archive is verified
// completely before anything changes; then store.ApplyRestore saves the
// current data (backups/pre-restore-<UTC time>.zip), replaces the
// database rows in one transaction and swaps the uploads directory.
func (a *API) restore(w http.ResponseWriter, r *http.Request) error {
	archive, err := a.spoolRestoreFile(w, r)
	if err != nil {
		return err
	}
	defer os.Remove(archive)
	return a.applyRestore(w, r, func(ctx context.Context) (*store.Extracted, error) {
		return a.Store.VerifyBackup(ctx, archive, a.dataDir())
	})
}

// applyRestore verifies a backup (verify unpacks it into the data dir)
// and, if it passes, replaces the workshop with it. Uploads, imports and
// material changes wait meanwhile.
func (a *API) applyRestore(w http.ResponseWriter, r *http.Request, verify func(ctx context.Context) (*store.Extracted, error)) error {
	a.content.mu.Lock()
	defer a.content.mu.Unlock()
	ex, err := verify(r.Context())
	if err != nil {
		return err // a store.BackupError becomes 400 invalid_backup
	}
	defer func() {
		if err := ex.Remove(); err != nil { // startup cleanup removes what is left
			a.log.Warn("remove extracted backup", "err", err)
		}
	}()

	// From here on the work must not stop halfway because the client left.
	ctx := context.WithoutCancel(r.Context())
	rep, err := a.Store.ApplyRestore(ctx, ex, a.dataDir())
	if err != nil {
		return fmt.Errorf("api: restore: %w", err)
	}
	if list, err := a.Store.ListCodelabs(ctx, false); err == nil {
		for _, c := range list {
			a.notifyCodelabChanged(c.ID)
		}
	}
	// Recorded after the swap, so the row lands in the restored log.
	a.auditAs(r.WithContext(ctx), store.ActorFacilitator, store.Admin, "backup.restore", "", "backup", "",
		map[string]any{"backup_created_at": ex.Manifest.CreatedAt})
	return writeJSON(w, http.StatusOK, map[string]any{
		"restored":           true,
		"created_at":         ex.Manifest.CreatedAt,
		"schema_version":     ex.Manifest.SchemaVersion,
		"files":              len(ex.Manifest.Files),
		"pre_restore_backup": rep.PreRestoreBackup,
		"damaged_copy":       rep.DamagedCopy,
	})
}

// spoolRestoreFile streams the form's file part to a temporary file in the
// data dir (backups can be large) and returns its path.
func (a *API) spoolRestoreFile(w http.ResponseWriter, r *http.Request) (string, error) {
	tooLarge := Errorf(http.StatusRequestEntityTooLarge, "backup_too_large", "A backup may be at most %d GB.", maxRestoreBytes>>30)
	var spooled string
	err := eachPart(w, r, maxRestoreBytes+1<<20, tooLarge, func(p *multipart.Part) error {
		if p.FormName() != "file" {
			return nil
		}
		if spooled != "" {
			return badRequest("invalid_form", "Send one file per request.")
		}
		f, err := os.CreateTemp(a.dataDir(), ".restore-upload-*.zip")
		if err != nil {
			return fmt.Errorf("api: restore temp file: %w", err)
		}
		spooled = f.Name()
		n, err := io.Copy(f, io.LimitReader(p, maxRestoreBytes+1))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if n > maxRestoreBytes {
			return tooLarge
		}
		return nil
	})
	if err == nil && spooled == "" {
		err = badRequest("missing_file", "The form has no file field.")
	}
	if err != nil {
		if spooled != "" {
			os.Remove(spooled)
		}
		return "", err
	}
	return spooled, nil
}
