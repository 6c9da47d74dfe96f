package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// CheckWSOrigin allows WebSocket upgrades from pages of this server, from
// the desktop window, and from non-browser clients (no Origin header).
// Anything else could be a foreign page riding an attendee's token.
func CheckWSOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || windowOrigins[origin] {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// PublishTo is the event log's after-commit hook that hands events to hub.
func PublishTo(hub *realtime.Hub) func(store.Event) {
	return func(e store.Event) { hub.Publish(liveEvent(e)) }
}

// liveEvent is a logged event as the hub sends it, live or replayed.
func liveEvent(e store.Event) realtime.Event {
	return realtime.Event{CodelabID: e.CodelabID, Seq: e.Seq, ActorID: e.ActorID, VisibleTo: e.VisibleTo,
		Staff: store.HelperSees(e.Type), Frame: e.Body, CID: e.CID}
}

func (a *API) liveReady() error {
	if a.Hub == nil || a.Events == nil {
		return Errorf(http.StatusServiceUnavailable, "live_unavailable", "Live features are not running on this server.")
	}
	return nil
}

func parseSince(r *http.Request) (int64, error) {
	s := r.URL.Query().Get("since")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, badRequest("invalid_since", "since must be a non-negative sequence number.")
	}
	return n, nil
}

// attendeeWS is GET /ws?token=&since=: refusals are JSON, before the upgrade.
func (a *API) attendeeWS(w http.ResponseWriter, r *http.Request) error {
	if err := checkWSOrigin(r); err != nil {
		return err
	}
	if err := a.liveReady(); err != nil {
		return err
	}
	at, err := a.attendee(r)
	if err != nil {
		return err
	}
	if c := r.URL.Query().Get("codelab"); c != "" && c != at.CodelabID {
		return Errorf(http.StatusForbidden, "wrong_codelab", "This token belongs to another codelab.")
	}
	since, err := a.sinceFor(r, at.CodelabID)
	if err != nil {
		return err
	}
	who := realtime.Identity{CodelabID: at.CodelabID, ID: at.ID, Name: at.Name}
	return a.Hub.Serve(w, r, who, since, wsHandler{a})
}

// sinceFor parses since and clamps it to the codelab's last seq: a client
// ahead of the log (the facilitator restored an older backup, or a made-up
// number) replays nothing and its ready frame carries the real last seq,
// which it adopts. The client's number is never sent back.
func (a *API) sinceFor(r *http.Request, codelabID string) (int64, error) {
	since, err := parseSince(r)
	if err != nil || since == 0 {
		return since, err
	}
	last, err := a.Store.LastSeq(r.Context(), codelabID)
	if err != nil {
		return 0, err
	}
	return min(since, last), nil
}

// adminWS is GET /api/admin/ws?token=&codelab=&since= (wrapped by admin).
func (a *API) adminWS(w http.ResponseWriter, r *http.Request) error {
	if err := checkWSOrigin(r); err != nil {
		return err
	}
	if err := a.liveReady(); err != nil {
		return err
	}
	id := r.URL.Query().Get("codelab")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	since, err := a.sinceFor(r, id)
	if err != nil {
		return err
	}
	who := realtime.Identity{CodelabID: id, ID: store.Admin.ID, Name: store.Admin.Name, Admin: true}
	return a.Hub.Serve(w, r, who, since, wsHandler{a})
}

func (a *API) codelabExists(ctx context.Context, id string) error {
	err := a.Store.CodelabExists(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The codelab")
	}
	return err
}

// wsHandler persists client frames through the event log.
type wsHandler struct{ a *API }

// clientFrame is the union of the client frame fields.
type clientFrame struct {
	Text      string `json:"text"`
	To        string `json:"to"`
	Step      int    `json:"step"`
	Completed []int  `json:"completed"`
	RequestID string `json:"request_id"`
	// Inline comments (comments.go).
	Quote    model.TextQuote `json:"quote"`
	ThreadID string          `json:"thread_id"`
	PollID   string          `json:"poll_id"`
	Option   *int            `json:"option"`
}

func forbiddenFrame(what string) error {
	return &realtime.Error{Code: "forbidden", Message: what}
}

func (h wsHandler) Handle(ctx context.Context, who realtime.Identity, msg realtime.Message) (int64, error) {
	var f clientFrame
	if err := json.Unmarshal(msg.Raw, &f); err != nil {
		return 0, &realtime.Error{Code: "bad_frame", Message: "The frame's fields have the wrong types."}
	}
	if who.Helper {
		return h.a.helperFrame(ctx, who, msg.Type, msg.CID, f) // helper_ws.go
	}
	me := model.Person{ID: who.ID, Name: who.Name}
	cl := who.CodelabID
	var op store.Op
	switch msg.Type {
	case "chat":
		op = store.ChatOp(cl, me, msg.CID, f.Text)
	case "dm":
		op = store.DMOp(cl, me, msg.CID, f.To, f.Text)
	case "announcement":
		if !who.Admin {
			return 0, forbiddenFrame("Only the facilitator can make announcements.")
		}
		op = store.AnnouncementOp(cl, msg.CID, f.Text)
	case "progress":
		if who.Admin {
			return 0, forbiddenFrame("The facilitator has no progress.")
		}
		op = store.ProgressOp(cl, me, msg.CID, f.Step, f.Completed)
	case "help":
		if who.Admin {
			return 0, forbiddenFrame("The facilitator cannot ask for help.")
		}
		op = store.HelpOp(cl, me, msg.CID, f.Step)
	case "help_resolve":
		op = store.ResolveHelpOp(cl, me, msg.CID, f.RequestID)
	case "comment", "comment_reply":
		var err error
		if op, err = commentFrameOp(who, msg, f); err != nil {
			return 0, err
		}
	case "poll_answer":
		return h.a.answerPollFrame(ctx, who, msg.CID, f) // polls.go
	default:
		return 0, &realtime.Error{Code: "unknown_type", Message: "Unknown frame type " + strconv.Quote(msg.Type) + "."}
	}
	ev, dup, err := h.a.Events.Append(ctx, op)
	if err != nil {
		return 0, frameError(err)
	}
	if ev.Type == "help_resolved" && !dup {
		h.a.notifyHelpPositions(ctx, cl)
	}
	return ev.Seq, nil
}

func (h wsHandler) Replay(ctx context.Context, who realtime.Identity, since int64, limit int) ([]realtime.Event, error) {
	evs, err := h.a.Store.Events(ctx, who.CodelabID, store.Viewer{ID: who.ID, Admin: who.Admin, Helper: who.Helper}, since, limit)
	if err != nil {
		return nil, err
	}
	out := make([]realtime.Event, len(evs))
	for i, e := range evs {
		out[i] = liveEvent(e)
	}
	return out, nil
}

// notifyHelpPositions tells each attendee still waiting their new place in
// the queue (an ephemeral help_position frame), since they do not see
// other attendees' help events.
func (a *API) notifyHelpPositions(ctx context.Context, codelabID string) {
	open, err := a.Store.OpenHelp(ctx, codelabID)
	if err != nil {
		a.log.Warn("help positions", "err", err)
		return
	}
	for _, h := range open {
		frame, _ := json.Marshal(map[string]any{"type": "help_position", "request_id": h.ID, "position": h.Position})
		a.Hub.SendTo(codelabID, h.Attendee.ID, frame)
	}
}
