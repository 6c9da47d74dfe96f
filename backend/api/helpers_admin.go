package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// errHelperNotAdmin answers a helper token on any /api/admin path.
var errHelperNotAdmin = Errorf(http.StatusForbidden, "helper_not_allowed",
	"A helper token cannot be used for facilitator actions; helpers use the helper view.")

// helperRoutes are the facilitator's helper invitations and the helpers'
// own endpoints (docs/api.md, "Helpers").
func (a *API) helperRoutes(m *http.ServeMux) {
	m.HandleFunc("POST /api/admin/codelabs/{id}/helpers", a.admin(a.createHelper))
	m.HandleFunc("GET /api/admin/codelabs/{id}/helpers", a.admin(a.listHelpers))
	m.HandleFunc("DELETE /api/admin/codelabs/{id}/helpers/{hid}", a.admin(a.deleteHelper))

	m.HandleFunc("GET /api/helper/me", a.asHelper(a.helperMe))
	m.HandleFunc("GET /api/helper/attendees", a.asHelper(a.helperAttendees))
	m.HandleFunc("GET /api/helper/help", a.asHelper(a.helperHelp))
	m.HandleFunc("POST /api/helper/help/{rid}/claim", a.asHelper(a.helperClaim))
	m.HandleFunc("DELETE /api/helper/help/{rid}/claim", a.asHelper(a.helperUnclaim))
	m.HandleFunc("POST /api/helper/help/{rid}/resolve", a.asHelper(a.helperResolve))
	m.HandleFunc("POST /api/helper/announcements", a.asHelper(a.helperAnnounce))
	m.HandleFunc("GET /api/helper/ws", a.asHelper(a.helperWS))
}

// isHelperToken reports whether tok is a live helper token (CheckAdmin uses
// it to answer 403 instead of 401: the token is known, the place is wrong).
func (a *API) isHelperToken(r *http.Request, tok string) bool {
	if tok == "" || a.Store == nil {
		return false
	}
	_, err := a.Store.HelperByToken(r.Context(), tok)
	return err == nil
}

type helperIn struct {
	Name        string `json:"name"`
	CanAnnounce bool   `json:"can_announce"`
}

type newHelperOut struct {
	*store.NewHelper
	URL string `json:"url"`
}

// createHelper is POST .../helpers {name, can_announce}: 201 with the token
// and the link the helper opens, both shown this once.
func (a *API) createHelper(w http.ResponseWriter, r *http.Request) error {
	var in helperIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	id := r.PathValue("id")
	h, err := a.Store.CreateHelper(r.Context(), id, in.Name, in.CanAnnounce)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The codelab")
	}
	if err != nil {
		return err
	}
	a.audit(r, "helper.create", id, "helper", h.ID, map[string]any{"name": h.Name, "can_announce": h.CanAnnounce})
	return writeJSON(w, http.StatusCreated, newHelperOut{NewHelper: h, URL: a.helperURL(r, h.Token)})
}

// helperURL is the link of a helper invitation: the first LAN address (as
// on the join screen's QR code), the attendee app, and the token in the
// fragment, which browsers never send to a server or put in a Referer.
func (a *API) helperURL(r *http.Request, token string) string {
	base := ""
	if a.JoinInfo != nil {
		urls := a.JoinInfo().URLs
		for _, u := range urls {
			if !strings.Contains(u, ".local") {
				base = u
				break
			}
		}
		if base == "" && len(urls) > 0 {
			base = urls[0]
		}
	}
	if base == "" {
		base = "http://" + r.Host
	}
	return strings.TrimSuffix(base, "/") + "/#/helper/" + token
}

func (a *API) listHelpers(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	list, err := a.Store.Helpers(r.Context(), id)
	if err != nil {
		return err
	}
	if a.Hub != nil {
		for i := range list {
			list[i].Online = a.Hub.IsConnected(id, list[i].ID)
		}
	}
	return writeJSON(w, http.StatusOK, list)
}

// deleteHelper revokes a helper: the token stops working with the commit,
// the helper's sockets close at once (4003, docs/realtime.md), and the
// requests they had claimed go back to the queue unclaimed.
func (a *API) deleteHelper(w http.ResponseWriter, r *http.Request) error {
	id, hid := r.PathValue("id"), r.PathValue("hid")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	h, claimed, err := a.Store.DeleteHelper(r.Context(), id, hid)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The helper")
	}
	if err != nil {
		return err
	}
	if a.Hub != nil {
		a.Hub.Kick(id, func(who realtime.Identity) bool { return who.Helper && who.ID == hid },
			realtime.CloseRemoved, HelperRemovedReason)
	}
	a.releaseClaims(r.Context(), id, claimed)
	a.audit(r, "helper.revoke", id, "helper", hid, map[string]any{"name": h.Name, "released_claims": len(claimed)})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HelperRemovedReason is the close reason a removed helper's sockets get.
const HelperRemovedReason = "helper access removed by the facilitator"

// releaseClaims unclaims requests a removed helper was on the way to, so
// their askers and the room see nobody is coming any more.
func (a *API) releaseClaims(ctx context.Context, codelabID string, requestIDs []string) {
	if a.Events == nil {
		return
	}
	for _, rid := range requestIDs {
		if _, _, err := a.Events.Append(ctx, store.ClaimHelpOp(codelabID, store.Admin, "", rid, false)); err != nil {
			a.log.Warn("release helper claim", "request", rid, "err", err)
		}
	}
}

// helperFunc is a handler for a helper-token request.
type helperFunc func(w http.ResponseWriter, r *http.Request, h *model.Helper) error

// asHelper authenticates the helper token (from any address: helpers walk
// the room with a phone). Attendee, admin and revoked tokens get 401.
func (a *API) asHelper(fn helperFunc) http.HandlerFunc {
	return a.wrap(func(w http.ResponseWriter, r *http.Request) error {
		h, err := a.Store.HelperByToken(r.Context(), BearerToken(r))
		if errors.Is(err, store.ErrNotFound) {
			return Errorf(http.StatusUnauthorized, "unauthorized",
				"A valid helper token is required; ask the facilitator for a new helper invitation.")
		}
		if err != nil {
			return err
		}
		return fn(w, r, h)
	})
}
