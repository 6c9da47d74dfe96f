package api

import (
	"errors"
	"net"
	"net/http"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type registerIn struct {
	Name string `json:"name"`
	Code string `json:"code"`
}

// register adds an attendee: 201 {attendee, token, continue_code}.
func (a *API) register(w http.ResponseWriter, r *http.Request) error {
	budgets := guessBudgets(r, r.PathValue("id"))
	if a.guesses.blocked(budgets) {
		return slowDown()
	}
	var in registerIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	reg, err := a.Store.RegisterAttendee(r.Context(), r.PathValue("id"), in.Name, in.Code)
	if errors.Is(err, store.ErrWrongCode) {
		a.guesses.wrong(budgets)
	}
	if err != nil {
		return err
	}
	a.auditAttendee(r, model.Person{ID: reg.Attendee.ID, Name: reg.Attendee.Name}, "attendee.register", r.PathValue("id"), nil)
	return writeJSON(w, http.StatusCreated, reg)
}

type continueIn struct {
	ContinueCode string `json:"continue_code"`
}

// continueOnDevice trades a continue code for a new token of the same attendee.
func (a *API) continueOnDevice(w http.ResponseWriter, r *http.Request) error {
	budgets := guessBudgets(r, r.PathValue("id"))
	if a.guesses.blocked(budgets) {
		return slowDown()
	}
	var in continueIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	reg, err := a.Store.ContinueAttendee(r.Context(), r.PathValue("id"), in.ContinueCode)
	if errors.Is(err, store.ErrNotFound) {
		a.guesses.wrong(budgets)
		return Errorf(http.StatusNotFound, "unknown_continue_code", "No attendee of this codelab has that code.")
	}
	if err != nil {
		return err
	}
	a.auditAttendee(r, model.Person{ID: reg.Attendee.ID, Name: reg.Attendee.Name}, "attendee.continue", r.PathValue("id"), nil)
	return writeJSON(w, http.StatusCreated, reg)
}

// attendee authenticates the request's attendee token.
func (a *API) attendee(r *http.Request) (*model.Attendee, error) {
	at, err := a.Store.AttendeeByToken(r.Context(), BearerToken(r))
	if errors.Is(err, store.ErrNotFound) {
		return nil, Errorf(http.StatusUnauthorized, "unauthorized", "A valid attendee token is required; please register again.")
	}
	return at, err
}

// attendeeAllowed is the AttendeeAllowed hook: the token's attendee is
// registered in codelabID.
func (a *API) attendeeAllowed(r *http.Request, codelabID string) bool {
	at, err := a.attendee(r)
	return err == nil && at.CodelabID == codelabID
}

type meOut struct {
	*model.Attendee
	ContinueCode string `json:"continue_code"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	at, err := a.attendee(r)
	if err != nil {
		return err
	}
	code, err := a.Store.ContinueCode(r.Context(), at.ID)
	if err != nil {
		return err
	}
	if a.Hub != nil {
		at.Online = a.Hub.IsOnline(at.CodelabID, at.ID)
	}
	return writeJSON(w, http.StatusOK, meOut{Attendee: at, ContinueCode: code})
}

// myHelp returns the attendee's open help request with its queue position,
// or null.
func (a *API) myHelp(w http.ResponseWriter, r *http.Request) error {
	at, err := a.attendee(r)
	if err != nil {
		return err
	}
	open, err := a.Store.OpenHelp(r.Context(), at.CodelabID)
	if err != nil {
		return err
	}
	for _, h := range open {
		if h.Attendee.ID == at.ID {
			return writeJSON(w, http.StatusOK, map[string]any{"request": h})
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"request": nil})
}
