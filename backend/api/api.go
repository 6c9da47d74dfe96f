// Package api is the HTTP face of the server: one JSON API for both the
// facilitator (admin token, loopback only) and attendees. Handlers return
// errors; errors.go turns them into JSON.
package api

import (
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

const (
	maxBody          = 1 << 20   // a JSON request body
	maxStepMarkdown  = 200 << 10 // one step's markdown
	maxSteps         = 200
	maxStepsBody     = 16 << 20 // a whole PUT of steps
	maxTitleLen      = 300
	maxTextFieldSize = 20 << 10
)

// Renderer turns markdown into safe HTML (backend/markdown implements it).
type Renderer interface {
	Render(src string) (string, error)
}

// Config is what the API needs from the server.
type Config struct {
	Store      *store.Store
	Markdown   Renderer
	AdminToken string
	Version    string
	Name       func() string // the workshop name actually in use (may change after an mDNS conflict)
	Assets     fs.FS         // the built frontend (frontend/dist); nil serves a placeholder
	Logger     *slog.Logger
	// DataDir holds uploads/ and backups/ (empty: the database file's directory).
	DataDir string

	// AttendeeAllowed reports whether the request carries an attendee token
	// of codelab id (set once registration exists; nil means nobody).
	AttendeeAllowed func(r *http.Request, codelabID string) bool
	// JoinInfo reports the URLs and mDNS state for the join screen.
	JoinInfo func() JoinInfo
	// OnCodelabChanged is called after a codelab's content was saved.
	OnCodelabChanged func(codelabID string)

	// AutoBackups, when set, takes its snapshots under the content lock.
	AutoBackups *store.AutoBackups

	// Hub and Events run the live workshop (nil: live endpoints answer 503).
	Hub    *realtime.Hub
	Events *store.EventLog

	// Hosts turns on the Host header check against DNS rebinding (hosts.go).
	Hosts *Hosts
	// BodyTimeouts bound slow request bodies (bodytime.go).
	BodyTimeouts BodyTimeouts
}

// API holds the handlers' shared dependencies.
type API struct {
	Config
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler // mux behind the JSON compression (compress.go)
	guesses *guessLimiter
	content contentState // uploads.go
	hosts   *hostCheck   // hosts.go; nil: no Host check
}

// New builds the API and its routes.
func New(cfg Config) *API {
	a := &API{Config: cfg, log: cfg.Logger, mux: http.NewServeMux(), guesses: newGuessLimiter()}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.Name == nil {
		a.Name = func() string { return "codelabs" }
	}
	if a.AttendeeAllowed == nil {
		a.AttendeeAllowed = a.attendeeAllowed
	}
	a.BodyTimeouts.defaults()
	if cfg.Hosts != nil {
		a.hosts = a.newHostCheck(cfg.Hosts)
	}
	if cfg.AutoBackups != nil {
		cfg.AutoBackups.Lock = a.content.mu.RLocker()
	}
	a.routes()
	a.handler = compressJSON(a.mux)
	return a
}

// Mux lets the server add routes owned by other packages (the WebSocket hub).
func (a *API) Mux() *http.ServeMux { return a.mux }

func (a *API) routes() {
	m := a.mux
	m.HandleFunc("GET /api/health", a.wrap(a.health))
	m.HandleFunc("GET /api/info", a.wrap(a.info))
	m.HandleFunc("GET /api/codelabs", a.wrap(a.listPublicCodelabs))
	m.HandleFunc("GET /api/codelabs/{id}", a.wrap(a.getPublicCodelab))

	m.HandleFunc("GET /api/admin/session", a.admin(a.session))
	m.HandleFunc("GET /api/admin/codelabs", a.admin(a.listCodelabs))
	m.HandleFunc("POST /api/admin/codelabs", a.admin(a.createCodelab))
	m.HandleFunc("GET /api/admin/codelabs/{id}", a.admin(a.getCodelab))
	m.HandleFunc("PATCH /api/admin/codelabs/{id}", a.admin(a.updateCodelab))
	m.HandleFunc("PUT /api/admin/codelabs/{id}", a.admin(a.updateCodelab))
	m.HandleFunc("DELETE /api/admin/codelabs/{id}", a.admin(a.deleteCodelab))
	m.HandleFunc("POST /api/admin/codelabs/{id}/copy", a.admin(a.copyCodelab))
	m.HandleFunc("PUT /api/admin/codelabs/{id}/steps", a.admin(a.replaceSteps))
	m.HandleFunc("POST /api/admin/preview", a.admin(a.preview))

	// Live workshop (attendees.go, ws.go, live_admin.go).
	m.HandleFunc("POST /api/codelabs/{id}/attendees", a.wrap(a.register))
	m.HandleFunc("POST /api/codelabs/{id}/attendees/continue", a.wrap(a.continueOnDevice))
	m.HandleFunc("GET /api/me", a.wrap(a.me))
	m.HandleFunc("GET /api/me/help", a.wrap(a.myHelp))
	m.HandleFunc("GET /ws", a.wrap(a.attendeeWS))
	m.HandleFunc("GET /api/admin/ws", a.admin(a.adminWS))
	m.HandleFunc("GET /api/admin/codelabs/{id}/attendees", a.admin(a.listAttendees))
	m.HandleFunc("GET /api/admin/codelabs/{id}/help", a.admin(a.listHelp))
	m.HandleFunc("POST /api/admin/codelabs/{id}/help/{hid}/resolve", a.admin(a.resolveHelp))
	m.HandleFunc("POST /api/admin/codelabs/{id}/announcements", a.admin(a.announce))
	m.HandleFunc("GET /api/admin/codelabs/{id}/messages", a.admin(a.messages))
	m.HandleFunc("GET /api/admin/join-info", a.admin(a.joinInfo))

	// Content: uploads, materials, import/export, backup (uploads.go, materials.go, transfer.go, backup.go).
	m.HandleFunc("GET /uploads/{name}", a.wrap(a.serveUpload))
	m.HandleFunc("GET /admin/uploads/{name}", a.wrap(a.serveUpload))
	m.HandleFunc("GET /api/codelabs/{id}/materials", a.wrap(a.listPublicMaterials))
	m.HandleFunc("GET /api/codelabs/{id}/materials/{mid}/download", a.wrap(a.downloadMaterial))
	m.HandleFunc("POST /api/admin/uploads", a.admin(a.uploadImage))
	m.HandleFunc("GET /api/admin/codelabs/{id}/materials", a.admin(a.listMaterials))
	m.HandleFunc("POST /api/admin/codelabs/{id}/materials", a.admin(a.createMaterial))
	m.HandleFunc("PATCH /api/admin/codelabs/{id}/materials/{mid}", a.admin(a.renameMaterial))
	m.HandleFunc("DELETE /api/admin/codelabs/{id}/materials/{mid}", a.admin(a.deleteMaterial))
	m.HandleFunc("POST /api/admin/import", a.admin(a.importCodelab))
	m.HandleFunc("GET /api/admin/codelabs/{id}/export", a.admin(a.exportCodelab))
	a.missingRoutes(m)
	m.HandleFunc("GET /api/admin/backup", a.admin(a.backup))
	m.HandleFunc("POST /api/admin/restore", a.admin(a.restore))
	a.storageRoutes(m) // damaged database, automatic backups (storage.go)
	a.auditRoutes(m)   // audit log (audit.go)

	a.sessionRoutes(m)
	a.reportRoutes(m)
	a.shortLinkRoutes(m)

	a.loopRoutes(m) // loop.go: guide, quiz, feedback, submissions, certificates, raffle

	m.HandleFunc("/api/", a.wrap(a.noRoute))
	m.Handle("/", a.static())
}

// ServeHTTP applies the cross-cutting layers: panic recovery, security
// headers, the Host check, CORS for the desktop window's origin, the
// body deadlines and JSON compression.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			a.log.Error("panic in handler", "path", r.URL.Path, "panic", v)
			a.writeError(w, r, Errorf(http.StatusInternalServerError, "internal", "Something went wrong on the server; it has been logged."))
		}
	}()
	securityHeaders(w, r)
	if a.checkHost(w, r) || a.cors(w, r) || a.refuseWhileDamaged(w, r) {
		return
	}
	a.handler.ServeHTTP(w, a.timeBody(w, r))
}
