package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/opencodelabs/desktop/backend/store"
)

// errDamaged answers every refused request while the database is damaged.
var errDamaged = Errorf(http.StatusServiceUnavailable, "database_damaged",
	"The workshop database is damaged, so the server is not serving or saving workshop data. Restore a backup from the Data menu of the facilitator window.")

// storageRoutes registers the database health and automatic backup
// endpoints (docs/api.md "Storage").
func (a *API) storageRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/admin/storage", a.admin(a.storageStatus))
	m.HandleFunc("GET /api/admin/backups", a.admin(a.listAutoBackups))
	m.HandleFunc("POST /api/admin/backups/{name}/restore", a.admin(a.restoreAutoBackup))
}

// allowedWhileDamaged is what still answers while the database is
// damaged: health, the admin session and the ways back (status, the
// list of automatic backups and both restores). The apps' static files
// are served too, so the facilitator window can show the problem.
func allowedWhileDamaged(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case r.Method == http.MethodGet && (p == "/api/health" || p == "/api/info" || p == "/api/admin/session" ||
		p == "/api/admin/storage" || p == "/api/admin/backups"):
		return true
	case r.Method == http.MethodPost && (p == "/api/admin/restore" ||
		strings.HasPrefix(p, "/api/admin/backups/") && strings.HasSuffix(p, "/restore")):
		return true
	case r.Method == http.MethodOptions:
		return true
	}
	return !(strings.HasPrefix(p, "/api/") || p == "/ws" || strings.HasPrefix(p, "/uploads/") || strings.HasPrefix(p, "/admin/uploads/"))
}

// refuseWhileDamaged answers 503 database_damaged to everything but
// allowedWhileDamaged when the store runs in the damaged state; reads are
// refused too, since a damaged file may answer wrongly.
func (a *API) refuseWhileDamaged(w http.ResponseWriter, r *http.Request) bool {
	if a.Store.Damage() == nil || allowedWhileDamaged(r) {
		return false
	}
	a.writeError(w, r, errDamaged)
	return true
}

// storageStatus reports the database's health and the newest automatic
// backup that still opens: GET /api/admin/storage.
func (a *API) storageStatus(w http.ResponseWriter, r *http.Request) error {
	newest, err := store.NewestGoodAutoBackup(a.dataDir())
	if err != nil {
		return err
	}
	out := map[string]any{"damaged": false, "newest_backup": newest}
	if d := a.Store.Damage(); d != nil {
		out["damaged"], out["reason"], out["detected_at"] = true, d.Reason, d.DetectedAt
	}
	return writeJSON(w, http.StatusOK, out)
}

// listAutoBackups lists the automatic backups, newest first:
// GET /api/admin/backups.
func (a *API) listAutoBackups(w http.ResponseWriter, r *http.Request) error {
	list, err := store.ListAutoBackups(a.dataDir())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"backups": list})
}

// restoreAutoBackup restores one automatic backup by name, exactly like
// an uploaded archive: POST /api/admin/backups/{name}/restore.
func (a *API) restoreAutoBackup(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if !store.IsAutoBackupName(name) {
		return notFound("The automatic backup")
	}
	return a.applyRestore(w, r, func(ctx context.Context) (*store.Extracted, error) {
		return a.Store.VerifyAutoBackup(ctx, a.dataDir(), name, a.dataDir())
	})
}
