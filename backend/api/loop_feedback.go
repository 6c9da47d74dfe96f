package api

import (
	"net/http"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

type feedbackIn struct {
	Satisfaction int    `json:"satisfaction"`
	Difficulty   int    `json:"difficulty"`
	Comment      string `json:"comment"`
}

// putFeedback stores or updates the attendee's one feedback.
func (a *API) putFeedback(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	var in feedbackIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var out model.Feedback
	fb := model.Feedback{Satisfaction: in.Satisfaction, Difficulty: in.Difficulty, Comment: in.Comment}
	if _, err := a.runOp(r.Context(), store.FeedbackOp(at.CodelabID, person(at), fb, &out)); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) myFeedback(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	fb, err := a.Store.MyFeedback(r.Context(), at.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"feedback": fb})
}

// feedbackSummary is the dashboard's view; names only with ?names=1.
func (a *API) feedbackSummary(w http.ResponseWriter, r *http.Request) error {
	names := r.URL.Query().Get("names")
	sum, err := a.Store.GetFeedbackSummary(r.Context(), r.PathValue("id"), names == "1" || names == "true")
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sum)
}
