// Package api is the HTTP face of the server: one JSON API for both the
// facilitator (admin token, loopback only) and attendees. Handlers return
// errors; errors.go turns them into JSON.
package api

import (
	"io/fs"
	"log/slog"
	"net/http"

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

	// AttendeeAllowed reports whether the request carries an attendee token
	// of codelab id (set once registration exists; nil means nobody).
	AttendeeAllowed func(r *http.Request, codelabID string) bool
	// OnCodelabChanged is called after a codelab's content was saved.
	OnCodelabChanged func(codelabID string)
}

// API holds the handlers' shared dependencies.
type API struct {
	Config
	log *slog.Logger
	mux *http.ServeMux
}

// New builds the API and its routes.
func New(cfg Config) *API {
	a := &API{Config: cfg, log: cfg.Logger, mux: http.NewServeMux()}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.Name == nil {
		a.Name = func() string { return "codelabs" }
	}
	a.routes()
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

	m.HandleFunc("/api/", a.wrap(func(w http.ResponseWriter, r *http.Request) error {
		return Errorf(http.StatusNotFound, "not_found", "No API endpoint %s %s.", r.Method, r.URL.Path)
	}))
	m.Handle("/", a.static())
}

// ServeHTTP applies the cross-cutting layers: panic recovery and CORS for
// the desktop window's origin.
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
	if a.cors(w, r) {
		return
	}
	a.mux.ServeHTTP(w, r)
}
