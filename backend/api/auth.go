package api

import (
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strings"
)

// windowOrigins are the origins the Wails window loads the admin UI from.
var windowOrigins = map[string]bool{
	"wails://wails": true, "wails://wails.localhost": true,
	"http://wails.localhost": true, "https://wails.localhost": true,
}

// cors answers preflights and sets CORS headers for the desktop window,
// which talks to the API from its own origin. It reports whether the
// request was fully handled.
func (a *API) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || !windowOrigins[origin] || !strings.HasPrefix(r.URL.Path, "/api/") {
		return false
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Vary", "Origin")
	if r.Method == http.MethodOptions {
		h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// IsLoopback reports whether the request came from this machine.
func IsLoopback(r *http.Request) bool {
	ip, err := netip.ParseAddr(clientIP(r))
	return err == nil && ip.Unmap().IsLoopback()
}

// BearerToken returns the token of an "Authorization: Bearer" header, or
// the token query parameter (WebSockets cannot set headers in browsers).
func BearerToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return r.URL.Query().Get("token")
}

// CheckAdmin enforces the admin rule: loopback only, then the token.
func (a *API) CheckAdmin(r *http.Request) error {
	if !IsLoopback(r) {
		return Errorf(http.StatusForbidden, "admin_loopback_only", "Admin actions are only allowed from the facilitator's own computer.")
	}
	tok := BearerToken(r)
	if tok == "" || subtle.ConstantTimeCompare([]byte(tok), []byte(a.AdminToken)) != 1 {
		if a.isHelperToken(r, tok) { // helpers.go: a known token, but never an admin one
			return errHelperNotAdmin
		}
		return Errorf(http.StatusUnauthorized, "unauthorized", "A valid admin token is required.")
	}
	return nil
}

// admin wraps a handler with the admin check.
func (a *API) admin(h HandlerFunc) http.HandlerFunc {
	return a.wrap(func(w http.ResponseWriter, r *http.Request) error {
		if err := a.CheckAdmin(r); err != nil {
			return err
		}
		return h(w, r)
	})
}

func (a *API) session(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]any{"ok": true, "name": a.Name(), "version": a.Version})
}
