package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"

	"github.com/opencodelabs/desktop/backend/store"
)

// Error is an API failure with the status and code a client sees.
type Error struct {
	Status  int
	Code    string
	Message string
	Missing []string // what a refused completion still needs (requirements_not_met)
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// Errorf builds an Error with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func badRequest(code, format string, args ...any) *Error {
	return Errorf(http.StatusBadRequest, code, format, args...)
}

func notFound(what string) *Error {
	return Errorf(http.StatusNotFound, "not_found", "%s was not found.", what)
}

// HandlerFunc is an HTTP handler that returns its failure instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// wrap turns returned errors into the one JSON error shape; it is the only
// place errors become responses.
func (a *API) wrap(h HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			a.writeError(w, r, err)
		}
	}
}

func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if slow := bodyTimeout(r); slow != nil {
		err = slow // whatever the handler made of the failed read
	}
	var e *Error
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &e):
	case errors.As(err, &tooBig):
		e = Errorf(http.StatusRequestEntityTooLarge, "body_too_large", "The request body is larger than %d bytes.", tooBig.Limit)
	case errors.Is(err, store.ErrNotFound):
		e = notFound("The requested item")
	case errors.Is(err, store.ErrConflict):
		e = Errorf(http.StatusConflict, "conflict", "That conflicts with existing data.")
	case errors.Is(err, store.ErrDamaged):
		e = errDamaged
	case store.IsDiskFull(err):
		a.log.Error("disk full", "method", r.Method, "path", r.URL.Path, "err", err)
		e = Errorf(http.StatusInsufficientStorage, "disk_full",
			"The disk of the computer running the server is full, so this was not saved. Free some disk space, then try again.")
	default:
		a.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		e = Errorf(http.StatusInternalServerError, "internal", "Something went wrong on the server; it has been logged.")
	}
	body := map[string]any{"code": e.Code, "message": e.Message}
	if e.Missing != nil {
		body["missing"] = e.Missing
	}
	_ = writeJSON(w, e.Status, map[string]any{"error": body})
}

// writeJSON writes v with status; encoding errors can only be logged.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // the body is JSON, never parsed as HTML
	if err := enc.Encode(v); err != nil {
		slog.Debug("write json", "err", err)
	}
	return nil
}

// decodeJSON reads one JSON object of at most maxBody bytes into v.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeJSONLimit(w, r, v, maxBody)
}

// decodeJSONLimit is decodeJSON with its own size limit.
func decodeJSONLimit(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return badRequest("invalid_json", "The request body is not valid JSON: %v.", err)
	}
	if dec.More() {
		return badRequest("invalid_json", "The request body must hold one JSON object.")
	}
	return nil
}

// requireJSON refuses a JSON-body request whose Content-Type is not
// application/json. A page elsewhere on the network can make a browser
// POST text/plain or form bodies here without a CORS preflight (cross-site
// request forgery); it cannot send application/json that way.
func requireJSON(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return Errorf(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Send the request body as JSON with the header Content-Type: application/json.")
	}
	return nil
}
