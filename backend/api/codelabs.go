package api

import (
	"net/http"

	"github.com/opencodelabs/desktop/backend/model"
)

// codelabOut is the JSON shape of a codelab; the access code itself only
// leaves the server in admin responses.
type codelabOut struct {
	*model.Codelab
	HasAccessCode bool `json:"has_access_code"`
	Locked        bool `json:"locked,omitempty"`
	MaxAttendees  int  `json:"max_attendees,omitempty"` // admin responses only
	// TotalMinutes is duration_minutes, or the steps' sum when that is 0 (totals.go).
	TotalMinutes int `json:"total_minutes"`
}

func (a *API) health(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": a.Version})
}

func (a *API) info(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"name": a.Name(), "version": a.Version})
}

func (a *API) listPublicCodelabs(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.ListCodelabs(r.Context(), true)
	if err != nil {
		return err
	}
	out := make([]codelabOut, len(list))
	for i := range list {
		c := &list[i]
		out[i] = codelabOut{Codelab: c, HasAccessCode: c.AccessCode != ""}
		c.AccessCode = ""
		c.GuideMarkdown = "" // a summary; the guide has the steps' access rule (GET .../guide)
	}
	if err := a.fillTotals(r.Context(), out); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// getPublicCodelab serves a codelab to attendees. Hidden codelabs do not
// exist for them; a codelab with an access code shows its steps and its
// preparation guide only to attendees registered in it.
func (a *API) getPublicCodelab(w http.ResponseWriter, r *http.Request) error {
	c, err := a.Store.GetCodelab(r.Context(), r.PathValue("id"))
	if err != nil || !c.IsPublic {
		if err == nil {
			return notFound("The codelab")
		}
		return err
	}
	out := codelabOut{Codelab: c, HasAccessCode: c.AccessCode != ""}
	sum := 0
	for _, st := range c.Steps {
		sum += st.DurationMinutes
	}
	out.TotalMinutes = totalMinutes(c.DurationMinutes, sum)
	if out.HasAccessCode && (a.AttendeeAllowed == nil || !a.AttendeeAllowed(r, c.ID)) {
		out.Locked = true
		c.Steps = []model.Step{}
		c.GuideMarkdown = ""
	}
	c.AccessCode = ""
	attendeeSteps(c)
	c.FeedbackURL = a.feedbackURL(r.Context(), c.ID)
	if err := a.renderSteps(c, false); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// renderSteps fills each step's HTML; keepMarkdown is for the editor.
func (a *API) renderSteps(c *model.Codelab, keepMarkdown bool) error {
	for i := range c.Steps {
		html, err := a.Markdown.Render(c.Steps[i].Markdown)
		if err != nil {
			return err
		}
		c.Steps[i].HTML = html
		if !keepMarkdown {
			c.Steps[i].Markdown = ""
		}
	}
	return nil
}
