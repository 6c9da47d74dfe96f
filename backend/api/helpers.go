package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

type helperStepOut struct {
	Number          int    `json:"number"`
	Title           string `json:"title"`
	DurationMinutes int    `json:"duration_minutes"`
}

type helperMeOut struct {
	Helper  *model.Helper `json:"helper"`
	Codelab struct {
		ID    string          `json:"id"`
		Title string          `json:"title"`
		Steps []helperStepOut `json:"steps"`
	} `json:"codelab"`
}

// helperMe is GET /api/helper/me: who the token is and the codelab's step
// titles as attendees number them (the helper view's attendee list).
func (a *API) helperMe(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	c, err := a.Store.GetCodelab(r.Context(), h.CodelabID)
	if err != nil {
		return err
	}
	attendeeSteps(c)
	var out helperMeOut
	out.Helper = h
	out.Codelab.ID, out.Codelab.Title = c.ID, c.Title
	out.Codelab.Steps = make([]helperStepOut, len(c.Steps))
	for i, s := range c.Steps {
		out.Codelab.Steps[i] = helperStepOut{Number: s.Number, Title: s.Title, DurationMinutes: s.DurationMinutes}
	}
	if a.Hub != nil {
		h.Online = a.Hub.IsConnected(h.CodelabID, h.ID)
	}
	return writeJSON(w, http.StatusOK, out)
}

// helperAttendees is the facilitator's attendee list (progress, online),
// read the same way.
func (a *API) helperAttendees(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	var online map[string]bool
	if a.Hub != nil {
		online = a.Hub.Online(h.CodelabID)
	}
	body, err := a.Store.AttendeesJSON(r.Context(), h.CodelabID, online)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(append(body, '\n'))
	return err
}

func (a *API) helperHelp(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	open, err := a.Store.OpenHelp(r.Context(), h.CodelabID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, open)
}

func (a *API) helperClaim(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	return a.helperHelpOp(w, r, h, "help_claim")
}

func (a *API) helperUnclaim(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	return a.helperHelpOp(w, r, h, "help_unclaim")
}

func (a *API) helperResolve(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	return a.helperHelpOp(w, r, h, "help_resolve")
}

// helperHelpOp runs a claim, unclaim or resolve for an HTTP request and
// answers with the event every client receives.
func (a *API) helperHelpOp(w http.ResponseWriter, r *http.Request, h *model.Helper, typ string) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	ev, err := a.appendHelperOp(r.Context(), h, typ, "", r.PathValue("rid"))
	if err != nil {
		return err
	}
	return eventOut(w, http.StatusOK, ev)
}

// helperAnnounce is POST /api/helper/announcements {text, cid?}, for a
// helper the facilitator allowed to make announcements (403 otherwise).
func (a *API) helperAnnounce(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	in, err := a.decodeAnnouncement(w, r)
	if err != nil {
		return err
	}
	if !h.CanAnnounce {
		return errNoAnnouncements
	}
	ev, _, err := a.Events.Append(r.Context(), store.HelperAnnouncementOp(h.CodelabID, h.Person(), in.CID, in.Text))
	if err != nil {
		return err
	}
	return eventOut(w, http.StatusCreated, ev)
}

var errNoAnnouncements = Errorf(http.StatusForbidden, "announcements_not_allowed",
	"The facilitator has not allowed this helper to make announcements.")

// appendHelperOp commits one helper action on the help queue: typ is
// help_claim, help_unclaim or help_resolve.
func (a *API) appendHelperOp(ctx context.Context, h *model.Helper, typ, cid, requestID string) (store.Event, error) {
	me := h.Person()
	var op store.Op
	switch typ {
	case "help_claim":
		op = store.ClaimHelpOp(h.CodelabID, me, cid, requestID, true)
	case "help_unclaim":
		op = store.ClaimHelpOp(h.CodelabID, me, cid, requestID, false)
	default: // an empty request id matches no request: help_not_found
		op = store.ResolveHelpOp(h.CodelabID, me, cid, requestID)
	}
	ev, dup, err := a.Events.Append(ctx, op)
	if err == nil && !dup && ev.Type == "help_resolved" {
		a.notifyHelpPositions(ctx, h.CodelabID)
	}
	return ev, err
}

// helperWS is GET /api/helper/ws?token=&since=: the helper's live
// connection, with the same replay and ack rules as the others.
func (a *API) helperWS(w http.ResponseWriter, r *http.Request, h *model.Helper) error {
	if err := checkWSOrigin(r); err != nil {
		return err
	}
	if err := a.liveReady(); err != nil {
		return err
	}
	if c := r.URL.Query().Get("codelab"); c != "" && c != h.CodelabID {
		return Errorf(http.StatusForbidden, "wrong_codelab", "This token belongs to another codelab.")
	}
	since, err := a.sinceFor(r, h.CodelabID)
	if err != nil {
		return err
	}
	who := realtime.Identity{CodelabID: h.CodelabID, ID: h.ID, Name: h.Name, Helper: true}
	return a.Hub.Serve(w, r, who, since, wsHandler{a})
}

// helperFrame handles a helper connection's frames: room chat, DMs (to an
// attendee, another helper or "admin"), announcements when allowed, and
// claiming, unclaiming and resolving help requests.
func (a *API) helperFrame(ctx context.Context, who realtime.Identity, typ, cid string, f clientFrame) (int64, error) {
	h := &model.Helper{ID: who.ID, CodelabID: who.CodelabID, Name: who.Name}
	me := h.Person()
	var ev store.Event
	var err error
	switch typ {
	case "chat":
		ev, _, err = a.Events.Append(ctx, store.ChatOp(h.CodelabID, me, cid, f.Text))
	case "dm":
		ev, _, err = a.Events.Append(ctx, store.DMOp(h.CodelabID, me, cid, f.To, f.Text))
	case "announcement":
		if ok, cerr := a.helperMayAnnounce(ctx, h); cerr != nil || !ok {
			if cerr != nil {
				return 0, cerr
			}
			return 0, forbiddenFrame(errNoAnnouncements.Message)
		}
		ev, _, err = a.Events.Append(ctx, store.HelperAnnouncementOp(h.CodelabID, me, cid, f.Text))
	case "help_claim", "help_unclaim", "help_resolve":
		ev, err = a.appendHelperOp(ctx, h, typ, cid, f.RequestID)
	case "progress", "help":
		return 0, forbiddenFrame("Helpers have no progress and do not ask for help.")
	default:
		return 0, &realtime.Error{Code: "unknown_type", Message: "Unknown frame type " + strconv.Quote(typ) + "."}
	}
	if err != nil {
		return 0, frameError(err)
	}
	return ev.Seq, nil
}

// helperMayAnnounce reads the helper's permission as it is now (a helper
// removed meanwhile may not).
func (a *API) helperMayAnnounce(ctx context.Context, h *model.Helper) (bool, error) {
	list, err := a.Store.Helpers(ctx, h.CodelabID)
	if err != nil {
		return false, err
	}
	for _, x := range list {
		if x.ID == h.ID {
			return x.CanAnnounce, nil
		}
	}
	return false, nil
}
