package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// commentRoutes are inline comments on steps (docs/api.md, "Inline comments").
func (a *API) commentRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/codelabs/{id}/comments", a.wrap(a.myComments))
	m.HandleFunc("POST /api/codelabs/{id}/comments", a.wrap(a.newComment))
	m.HandleFunc("POST /api/codelabs/{id}/comments/{tid}/replies", a.wrap(a.attendeeReply))
	m.HandleFunc("GET /api/admin/codelabs/{id}/comments", a.admin(a.listComments))
	m.HandleFunc("POST /api/admin/codelabs/{id}/comments/{tid}/replies", a.admin(a.adminReply))
	m.HandleFunc("POST /api/admin/codelabs/{id}/comments/{tid}/resolve", a.admin(a.setThreadStatus(model.ThreadResolved)))
	m.HandleFunc("POST /api/admin/codelabs/{id}/comments/{tid}/reopen", a.admin(a.setThreadStatus(model.ThreadOpen)))
	m.HandleFunc("PUT /api/admin/codelabs/{id}/comments/settings", a.admin(a.putCommentSettings))
}

type commentsOut struct {
	Sharing string                `json:"sharing"`
	Threads []model.CommentThread `json:"threads"`
}

// myComments lists the threads the attendee may see.
func (a *API) myComments(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	return a.writeComments(w, r, at.CodelabID, store.Viewer{ID: at.ID}, store.CommentFilter{})
}

// listComments is the facilitator's view: every thread, ?status=open|resolved, ?step=N.
func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	var f store.CommentFilter
	switch s := r.URL.Query().Get("status"); s {
	case "", "all":
	case model.ThreadOpen, model.ThreadResolved:
		f.Status = s
	default:
		return badRequest("invalid_status", "status must be open, resolved or all.")
	}
	if s := r.URL.Query().Get("step"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return badRequest("invalid_step", "step must be a step number.")
		}
		f.Step = n
	}
	return a.writeComments(w, r, id, store.Viewer{Admin: true}, f)
}

func (a *API) writeComments(w http.ResponseWriter, r *http.Request, id string, v store.Viewer, f store.CommentFilter) error {
	sharing, err := a.Store.CommentSharing(r.Context(), id)
	if err != nil {
		return err
	}
	threads, err := a.Store.ListComments(r.Context(), id, v, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, commentsOut{Sharing: sharing, Threads: threads})
}

type newCommentIn struct {
	Step  int             `json:"step"`
	Quote model.TextQuote `json:"quote"`
	Text  string          `json:"text"`
	CID   string          `json:"cid"` // optional: makes retries idempotent
}

func checkCID(cid string) error {
	if len(cid) > 64 {
		return badRequest("bad_cid", "cid can have at most 64 characters.")
	}
	return nil
}

// newComment is POST /api/codelabs/{id}/comments: 201 {seq, event, thread}.
func (a *API) newComment(w http.ResponseWriter, r *http.Request) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	var in newCommentIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := checkCID(in.CID); err != nil {
		return err
	}
	var t model.CommentThread
	ev, dup, err := a.Events.Append(r.Context(), store.NewCommentOp(at.CodelabID, person(at), in.CID, in.Step, in.Quote, in.Text, &t))
	if err != nil {
		return err
	}
	out := map[string]any{"seq": ev.Seq, "event": json.RawMessage(ev.Body)}
	if !dup {
		out["thread"] = t
	}
	return writeJSON(w, http.StatusCreated, out)
}

type replyIn struct {
	Text string `json:"text"`
	CID  string `json:"cid"`
}

func (a *API) attendeeReply(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	return a.reply(w, r, person(at))
}

func (a *API) adminReply(w http.ResponseWriter, r *http.Request) error {
	if err := a.codelabExists(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	return a.reply(w, r, store.Admin)
}

// reply is POST .../comments/{tid}/replies {text, cid?}: 201 {seq, event}.
func (a *API) reply(w http.ResponseWriter, r *http.Request, by model.Person) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	var in replyIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := checkCID(in.CID); err != nil {
		return err
	}
	ev, _, err := a.Events.Append(r.Context(), store.ReplyCommentOp(r.PathValue("id"), by, in.CID, r.PathValue("tid"), in.Text, nil))
	if err != nil {
		return err
	}
	return eventOut(w, http.StatusCreated, ev)
}

// setThreadStatus resolves or reopens a thread (facilitator): 200 {seq, event}.
func (a *API) setThreadStatus(status string) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := a.liveReady(); err != nil {
			return err
		}
		id, tid := r.PathValue("id"), r.PathValue("tid")
		if err := a.codelabExists(r.Context(), id); err != nil {
			return err
		}
		ev, _, err := a.Events.Append(r.Context(), store.CommentStatusOp(id, tid, status))
		if err != nil {
			return err
		}
		action := "comment.resolve"
		if status == model.ThreadOpen {
			action = "comment.reopen"
		}
		a.audit(r, action, id, "comment_thread", tid, nil) // facts only: no comment text
		return eventOut(w, http.StatusOK, ev)
	}
}

type commentSettingsIn struct {
	Sharing string `json:"sharing"`
}

// putCommentSettings is PUT .../comments/settings {sharing}: 200 {sharing}.
func (a *API) putCommentSettings(w http.ResponseWriter, r *http.Request) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	var in commentSettingsIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	if _, _, err := a.Events.Append(r.Context(), store.CommentSharingOp(id, in.Sharing)); err != nil {
		return err
	}
	a.audit(r, "comment.sharing", id, "codelab", id, map[string]any{"sharing": in.Sharing})
	return writeJSON(w, http.StatusOK, commentSettingsIn{Sharing: in.Sharing})
}

// commentFrameOp turns a client's comment or comment_reply frame into its op.
func commentFrameOp(who realtime.Identity, msg realtime.Message, f clientFrame) (store.Op, error) {
	me := model.Person{ID: who.ID, Name: who.Name}
	if msg.Type == "comment" {
		if who.Admin {
			return store.Op{}, forbiddenFrame("Only attendees start comment threads; reply to one instead.")
		}
		return store.NewCommentOp(who.CodelabID, me, msg.CID, f.Step, f.Quote, f.Text, nil), nil
	}
	return store.ReplyCommentOp(who.CodelabID, me, msg.CID, f.ThreadID, f.Text, nil), nil
}
