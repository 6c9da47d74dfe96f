package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// Error is an API failure with the status and code a client sees.
type Error struct {
	Status  int
	Code    string
	Message string
	Missing []string // what a refused completion still needs (requirements_not_met)

	Field, Reason string         // invalid_field: which field and why (field_errors.go)
	Params        map[string]any // and the values its message names
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
	e := toAPIError(err)
	switch e.Code {
	case "internal":
		a.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	case "disk_full":
		a.log.Error("disk full", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := map[string]any{"code": e.Code, "message": e.Message}
	if e.Missing != nil {
		body["missing"] = e.Missing
	}
	if e.Field != "" {
		body["field"], body["reason"], body["params"] = e.Field, e.Reason, e.Params
	}
	_ = writeJSON(w, e.Status, map[string]any{"error": body})
}

// toAPIError is the one place store, domain and library errors become the
// status, code and message a client sees (as PocketBase's router.ToApiError);
// handlers and the WebSocket path just return what failed.
func toAPIError(err error) *Error {
	var (
		e      *Error
		tooBig *http.MaxBytesError
		op     *store.OpError
		req    *store.RequirementsError
		backup *store.BackupError
		imp    *importer.Error
		rt     *realtime.Error
	)
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &tooBig):
		return Errorf(http.StatusRequestEntityTooLarge, "body_too_large", "The request body is larger than %d bytes.", tooBig.Limit)
	case errors.Is(err, store.ErrWrongCode):
		return Errorf(http.StatusForbidden, "wrong_code", "The access code is not right.")
	case errors.As(err, &req):
		return &Error{Status: http.StatusConflict, Code: "requirements_not_met", Missing: req.Missing,
			Message: "You have not finished yet: still missing " + strings.Join(req.Missing, ", ") + "."}
	case errors.As(err, &backup):
		return badRequest("invalid_backup", "This backup cannot be restored: %s. Nothing was changed.", backup.Message)
	case errors.As(err, &imp):
		status := http.StatusBadRequest
		if imp.Code == importer.CodeZipTooLarge || imp.Code == importer.CodeFileTooLarge || imp.Code == importer.CodeStepTooLarge {
			status = http.StatusRequestEntityTooLarge
		}
		return Errorf(status, imp.Code, "%s", imp.Message)
	case errors.As(err, &rt):
		return Errorf(http.StatusTooManyRequests, rt.Code, "%s", rt.Message)
	case errors.As(err, &op):
		return Errorf(opStatus(op), op.Code, "%s", op.Message)
	case errors.Is(err, store.ErrNotFound):
		return notFound("The requested item")
	case errors.Is(err, store.ErrConflict):
		return Errorf(http.StatusConflict, "conflict", "That conflicts with existing data.")
	case errors.Is(err, store.ErrDamaged):
		return errDamaged
	case store.IsDiskFull(err):
		return Errorf(http.StatusInsufficientStorage, "disk_full",
			"The disk of the computer running the server is full, so this was not saved. Free some disk space, then try again.")
	}
	return Errorf(http.StatusInternalServerError, "internal", "Something went wrong on the server; it has been logged.")
}

// opStatus is the HTTP status of a store refusal's kind.
func opStatus(op *store.OpError) int {
	switch {
	case errors.Is(op, store.ErrConflict):
		return http.StatusConflict
	case errors.Is(op, store.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(op, store.ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(op, store.ErrForbidden):
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// frameError is toAPIError for the WebSocket: a refusal the client can act
// on becomes an error frame; a server failure stays an error (logged, and
// the socket closes).
func frameError(err error) error {
	if e := toAPIError(err); e.Status < http.StatusInternalServerError {
		return &realtime.Error{Code: e.Code, Message: e.Message}
	}
	return err
}

// writeJSON writes v with status; encoding errors can only be logged.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // the body is JSON, never parsed as HTML
	_ = enc.Encode(v)        // a failed write means the client left: nobody to tell
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
