package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/opencodelabs/desktop/backend/store"
)

// maxHistoryPage bounds one page of GET .../messages.
const maxHistoryPage = 500

// listAttendees is the facilitator's dashboard: every attendee with
// progress and an online flag, from one query plus the hub's memory.
func (a *API) listAttendees(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var online map[string]bool
	if a.Hub != nil {
		online = a.Hub.Online(id)
	}
	body, err := a.Store.AttendeesJSON(r.Context(), id, online)
	if err != nil {
		return err
	}
	if len(body) == 2 { // "[]": an empty codelab, or none at all
		if err := a.codelabExists(r.Context(), id); err != nil {
			return err
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(append(body, '\n'))
	return err
}

// listHelp is the facilitator's open help queue. The dashboard polls it, so
// the codelab is looked up only to tell an empty queue from a missing codelab.
func (a *API) listHelp(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	open, err := a.Store.OpenHelp(r.Context(), id)
	if err != nil {
		return err
	}
	if len(open) == 0 { // an empty queue, or no codelab at all
		if err := a.codelabExists(r.Context(), id); err != nil {
			return err
		}
	}
	return writeJSON(w, http.StatusOK, open)
}

// eventOut answers a live write with the event that every client receives.
func eventOut(w http.ResponseWriter, status int, ev store.Event) error {
	return writeJSON(w, status, map[string]any{"seq": ev.Seq, "event": json.RawMessage(ev.Body)})
}

func (a *API) resolveHelp(w http.ResponseWriter, r *http.Request) error {
	if err := a.liveReady(); err != nil {
		return err
	}
	id := r.PathValue("id")
	ev, _, err := a.Events.Append(r.Context(), store.ResolveHelpOp(id, store.Admin, "", r.PathValue("hid")))
	if err != nil {
		return err
	}
	a.notifyHelpPositions(r.Context(), id)
	return eventOut(w, http.StatusOK, ev)
}

type announcementIn struct {
	Text string `json:"text"`
	CID  string `json:"cid"` // optional: makes retries idempotent
}

// decodeAnnouncement reads an announcement once the live room is ready; its
// cid is at most 64 characters. The facilitator and a helper post the same body.
func (a *API) decodeAnnouncement(w http.ResponseWriter, r *http.Request) (announcementIn, error) {
	var in announcementIn
	if err := a.liveReady(); err != nil {
		return in, err
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return in, err
	}
	if len(in.CID) > 64 {
		return in, badRequest("bad_cid", "cid can have at most 64 characters.")
	}
	return in, nil
}

func (a *API) announce(w http.ResponseWriter, r *http.Request) error {
	in, err := a.decodeAnnouncement(w, r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	ev, _, err := a.Events.Append(r.Context(), store.AnnouncementOp(id, in.CID, in.Text))
	if err != nil {
		return err
	}
	return eventOut(w, http.StatusCreated, ev)
}

// messages pages through chat, DM and announcement history after since.
func (a *API) messages(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	since, err := parseSince(r)
	if err != nil {
		return err
	}
	limit := maxHistoryPage
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxHistoryPage {
			return badRequest("invalid_limit", "limit must be between 1 and %d.", maxHistoryPage)
		}
		limit = n
	}
	evs, err := a.Store.Events(r.Context(), id, store.Viewer{Admin: true}, since, limit+1, "chat", "dm", "announcement")
	if err != nil {
		return err
	}
	more := len(evs) > limit
	if more {
		evs = evs[:limit]
	}
	out := make([]json.RawMessage, len(evs))
	next := since
	for i, e := range evs {
		out[i], next = e.Body, e.Seq
	}
	return writeJSON(w, http.StatusOK, map[string]any{"messages": out, "next_since": next, "more": more})
}
