package api

import (
	"net/http"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// raffle draws a winner on the server with crypto/rand and stores it:
// POST /api/admin/codelabs/{id}/raffle {"among","exclude_previous"}.
func (a *API) raffle(w http.ResponseWriter, r *http.Request) error {
	in := struct {
		Among           string `json:"among"`
		ExcludePrevious *bool  `json:"exclude_previous"`
	}{}
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
	}
	if in.Among == "" {
		in.Among = store.AmongCompleted
	}
	if in.Among != store.AmongCompleted && in.Among != store.AmongPresent {
		return badRequest("invalid_raffle", "among must be completed or present.")
	}
	exclude := in.ExcludePrevious == nil || *in.ExcludePrevious
	id := r.PathValue("id")
	var present map[string]bool
	if a.Hub != nil {
		present = a.Hub.Online(id)
	}
	var draw model.RaffleDraw
	if _, err := a.runOp(r.Context(), store.RaffleOp(id, in.Among, exclude, present, &draw)); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, draw)
}

func (a *API) raffleDraws(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.codelabExists(r.Context(), id); err != nil {
		return err
	}
	draws, err := a.Store.RaffleDraws(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"draws": draws})
}
