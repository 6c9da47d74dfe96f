package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// sessionRoutes are removing attendees and running a codelab's sessions
// (docs/api.md, "Attendees and sessions").
func (a *API) sessionRoutes(m *http.ServeMux) {
	m.HandleFunc("DELETE /api/admin/codelabs/{id}/attendees/{aid}", a.admin(a.removeAttendee))
	m.HandleFunc("POST /api/admin/codelabs/{id}/sessions", a.admin(a.startSession))
	m.HandleFunc("GET /api/admin/codelabs/{id}/sessions", a.admin(a.listSessions))
	m.HandleFunc("GET /api/admin/codelabs/{id}/sessions/{sid}", a.admin(a.getSession))
	m.HandleFunc("GET /api/admin/codelabs/{id}/sessions/{sid}/export", a.admin(a.exportSession))
}

// removeAttendee is DELETE .../attendees/{aid}?chat=keep|delete. After the
// commit the attendee's tokens match nothing, so the sockets are closed
// last: a reconnect already gets 401.
func (a *API) removeAttendee(w http.ResponseWriter, r *http.Request) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	var deleteChat bool
	switch r.URL.Query().Get("chat") {
	case "", "keep":
	case "delete":
		deleteChat = true
	default:
		return badRequest("invalid_chat", "chat must be keep or delete.")
	}
	id, aid := r.PathValue("id"), r.PathValue("aid")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	if _, _, err := a.Events.Append(r.Context(), store.RemoveAttendeeOp(id, aid, deleteChat)); err != nil {
		return err
	}
	a.Hub.Kick(id, func(who realtime.Identity) bool { return !who.Admin && who.ID == aid },
		realtime.CloseRemoved, "removed by the facilitator")
	a.notifyHelpPositions(r.Context(), id)
	a.sweepSubmissionFiles(r.Context()) // their hand-ins went with the row
	a.audit(r, "attendee.remove", id, "attendee", aid, map[string]any{"chat": map[bool]string{true: "delete", false: "keep"}[deleteChat]})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type sessionIn struct {
	Title string `json:"title"`
}

// startSession is POST .../sessions {title?}: archive the room, open an
// empty one, and close every attendee socket of the old session.
func (a *API) startSession(w http.ResponseWriter, r *http.Request) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	var in sessionIn
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
	}
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	var s model.Session
	if _, _, err := a.Events.Append(r.Context(), store.StartSessionOp(id, in.Title, &s)); err != nil {
		return err
	}
	a.Hub.Kick(id, func(who realtime.Identity) bool { return !who.Admin },
		realtime.CloseSessionEnded, "a new session started")
	a.audit(r, "session.start", id, "session", s.ID, nil)
	return writeJSON(w, http.StatusCreated, s)
}

func (a *API) listSessions(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.Sessions(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

func (a *API) getSession(w http.ResponseWriter, r *http.Request) error {
	d, err := a.session404(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

// exportSession is the session as a JSON file to keep.
func (a *API) exportSession(w http.ResponseWriter, r *http.Request) error {
	d, err := a.session404(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="session-%s.json"`, d.StartedAt.Format("2006-01-02-1504")))
	return writeJSON(w, http.StatusOK, d)
}

func (a *API) session404(r *http.Request) (*model.SessionDetail, error) {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return nil, err
	}
	d, err := a.Store.Session(r.Context(), id, r.PathValue("sid"))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, notFound("The session")
		}
		return nil, err
	}
	return d, nil
}
