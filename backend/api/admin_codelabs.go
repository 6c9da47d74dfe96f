package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// codelabInput is a create or patch request; nil fields are left alone.
type codelabInput struct {
	Title           *string   `json:"title"`
	Description     *string   `json:"description"`
	Author          *string   `json:"author"`
	DurationMinutes *int      `json:"duration_minutes"`
	Tags            *[]string `json:"tags"`
	IsPublic        *bool     `json:"is_public"`
	AccessCode      *string   `json:"access_code"`
	GuideMarkdown   *string   `json:"guide_markdown"`
	Language        *string   `json:"language"` // language.go

	loopSettingsInput      // loop.go: quiz/feedback/submission rules, limits, closed
	MaxAttendees      *int `json:"max_attendees"` // stored apart: see saveMaxAttendees
}

// patch validates the input and applies it to c.
func (in *codelabInput) patch(c *model.Codelab) error {
	if in.Title != nil {
		t := strings.TrimSpace(*in.Title)
		if t == "" {
			return fieldError("title", "empty", nil, "The field title must not be empty.")
		}
		if utf8.RuneCountInString(t) > maxTitleLen {
			return fieldError("title", "too_long", map[string]any{"max": maxTitleLen}, "The field title must be at most %d characters.", maxTitleLen)
		}
		c.Title = t
	}
	for name, f := range map[string]*string{"description": in.Description, "author": in.Author, "access_code": in.AccessCode} {
		if f != nil && len(*f) > maxTextFieldSize {
			return fieldError(name, "too_long", map[string]any{"max": maxTextFieldSize}, "The field %s is too long.", name)
		}
	}
	if in.Description != nil {
		c.Description = *in.Description
	}
	if in.Author != nil {
		c.Author = strings.TrimSpace(*in.Author)
	}
	if in.DurationMinutes != nil {
		if *in.DurationMinutes < 0 || *in.DurationMinutes > 100000 {
			return fieldError("duration_minutes", "range", map[string]any{"min": 0, "max": 100000}, "The field duration_minutes must be between 0 and 100000.")
		}
		c.DurationMinutes = *in.DurationMinutes
	}
	if in.Tags != nil {
		tags := []string{}
		for _, t := range *in.Tags {
			if t = strings.TrimSpace(t); t != "" {
				tags = append(tags, t)
			}
		}
		c.Tags = tags
	}
	if in.IsPublic != nil {
		c.IsPublic = *in.IsPublic
	}
	if in.AccessCode != nil {
		c.AccessCode = strings.TrimSpace(*in.AccessCode)
	}
	if in.GuideMarkdown != nil {
		if len(*in.GuideMarkdown) > maxStepMarkdown {
			return Errorf(http.StatusRequestEntityTooLarge, "markdown_too_large", "The guide is larger than %d KB.", maxStepMarkdown>>10)
		}
		c.GuideMarkdown = *in.GuideMarkdown
	}
	if in.Language != nil {
		if err := validLanguage(*in.Language); err != nil {
			return err
		}
		c.Language = *in.Language
	}
	if in.MaxAttendees != nil && (*in.MaxAttendees < 1 || *in.MaxAttendees > store.MaxMaxAttendees) {
		return fieldError("max_attendees", "range", map[string]any{"min": 1, "max": store.MaxMaxAttendees}, "The field max_attendees must be between 1 and %d.", store.MaxMaxAttendees)
	}
	return in.loopSettingsInput.patch(c)
}

// saveMaxAttendees stores the registration cap when the input sets it.
func (a *API) saveMaxAttendees(r *http.Request, id string, in *codelabInput) error {
	if in.MaxAttendees == nil {
		return nil
	}
	return a.Store.SetMaxAttendees(r.Context(), id, *in.MaxAttendees)
}

func (a *API) listCodelabs(w http.ResponseWriter, r *http.Request) error {
	list, err := a.Store.ListCodelabs(r.Context(), false)
	if err != nil {
		return err
	}
	out := make([]codelabOut, len(list))
	for i := range list {
		out[i] = codelabOut{Codelab: &list[i], HasAccessCode: list[i].AccessCode != ""}
	}
	if err := a.fillTotals(r.Context(), out); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) createCodelab(w http.ResponseWriter, r *http.Request) error {
	var in codelabInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Title == nil {
		return fieldError("title", "required", nil, "The field title is required.")
	}
	c := &model.Codelab{Tags: []string{}}
	if err := in.patch(c); err != nil {
		return err
	}
	if err := a.Store.CreateCodelab(r.Context(), c); err != nil {
		return err
	}
	if err := a.saveMaxAttendees(r, c.ID, &in); err != nil {
		return err
	}
	a.audit(r, "codelab.create", c.ID, "codelab", c.ID, map[string]any{"title": c.Title})
	return a.writeAdminCodelab(w, r, c.ID, http.StatusCreated)
}

// writeAdminCodelab answers with the stored codelab, steps rendered.
func (a *API) writeAdminCodelab(w http.ResponseWriter, r *http.Request, id string, status int) error {
	c, err := a.Store.GetCodelab(r.Context(), id)
	if err != nil {
		return err
	}
	if err := a.renderSteps(c, true); err != nil {
		return err
	}
	capacity, err := a.Store.MaxAttendees(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, status, codelabOut{Codelab: c, HasAccessCode: c.AccessCode != "", MaxAttendees: capacity})
}

func (a *API) getCodelab(w http.ResponseWriter, r *http.Request) error {
	return a.writeAdminCodelab(w, r, r.PathValue("id"), http.StatusOK)
}

func (a *API) updateCodelab(w http.ResponseWriter, r *http.Request) error {
	c, err := a.Store.GetCodelab(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var in codelabInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	wasPublic := c.IsPublic
	if err := in.patch(c); err != nil {
		return err
	}
	if err := a.Store.UpdateCodelab(r.Context(), c); err != nil {
		return err
	}
	if err := a.saveMaxAttendees(r, c.ID, &in); err != nil {
		return err
	}
	if wasPublic && !c.IsPublic {
		a.announceClosed(c.ID, "hidden")
	}
	a.audit(r, codelabUpdateAction(wasPublic, c.IsPublic), c.ID, "codelab", c.ID, map[string]any{"fields": in.fieldNames()})
	a.notifyCodelabChanged(c.ID)
	return a.writeAdminCodelab(w, r, c.ID, http.StatusOK)
}

func (a *API) deleteCodelab(w http.ResponseWriter, r *http.Request) error {
	if err := a.Store.DeleteCodelab(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	a.sweepSubmissionFiles(r.Context()) // loop_submissions.go: the codelab's submitted files
	a.announceClosed(r.PathValue("id"), "deleted")
	a.audit(r, "codelab.delete", r.PathValue("id"), "codelab", r.PathValue("id"), nil)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) copyCodelab(w http.ResponseWriter, r *http.Request) error {
	c, err := a.Store.CopyCodelab(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	capacity, err := a.Store.MaxAttendees(r.Context(), r.PathValue("id"))
	if err == nil {
		err = a.Store.SetMaxAttendees(r.Context(), c.ID, capacity)
	}
	if err != nil {
		return err
	}
	a.audit(r, "codelab.copy", c.ID, "codelab", c.ID, map[string]any{"from": r.PathValue("id")})
	return a.writeAdminCodelab(w, r, c.ID, http.StatusCreated)
}

type stepsInput struct {
	Steps []struct {
		Title           string   `json:"title"`
		Markdown        string   `json:"markdown"`
		DurationMinutes int      `json:"duration_minutes"`
		Hidden          bool     `json:"hidden"`
		Environments    []string `json:"environments"`
	} `json:"steps"`
}

func (a *API) replaceSteps(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var in stepsInput
	// Steps carry up to 200 KB of markdown each, so this body may be larger.
	if err := decodeJSONLimit(w, r, &in, maxStepsBody); err != nil {
		return err
	}
	if in.Steps == nil {
		return fieldError("steps", "required", nil, "The field steps is required (an array, possibly empty).")
	}
	if len(in.Steps) > maxSteps {
		return badRequest("too_many_steps", "A codelab can have at most %d steps.", maxSteps)
	}
	steps := make([]model.Step, len(in.Steps))
	for i, s := range in.Steps {
		title := strings.TrimSpace(s.Title)
		switch {
		case title == "":
			return fieldError("steps[].title", "empty", map[string]any{"step": i + 1}, "The field steps[%d].title must not be empty.", i)
		case utf8.RuneCountInString(title) > maxTitleLen:
			return fieldError("steps[].title", "too_long", map[string]any{"step": i + 1, "max": maxTitleLen}, "The field steps[%d].title must be at most %d characters.", i, maxTitleLen)
		case len(s.Markdown) > maxStepMarkdown:
			return Errorf(http.StatusRequestEntityTooLarge, "markdown_too_large", "Step %d is larger than %d KB of markdown.", i+1, maxStepMarkdown>>10)
		case s.DurationMinutes < 0 || s.DurationMinutes > 10000:
			return fieldError("steps[].duration_minutes", "range", map[string]any{"step": i + 1, "min": 0, "max": 10000}, "The field steps[%d].duration_minutes must be between 0 and 10000.", i)
		}
		steps[i] = model.Step{Number: i + 1, Title: title, Markdown: s.Markdown, DurationMinutes: s.DurationMinutes,
			Hidden: s.Hidden, Environments: cleanEnvironments(s.Environments)}
	}
	if err := a.Store.ReplaceSteps(r.Context(), id, steps); err != nil {
		return err
	}
	a.audit(r, "steps.save", id, "codelab", id, map[string]any{"steps": len(steps)})
	a.notifyCodelabChanged(id)
	return a.writeAdminCodelab(w, r, id, http.StatusOK)
}

func (a *API) preview(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Markdown string `json:"markdown"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if len(in.Markdown) > maxStepMarkdown {
		return Errorf(http.StatusRequestEntityTooLarge, "markdown_too_large", "The markdown is larger than %d KB.", maxStepMarkdown>>10)
	}
	html, err := a.Markdown.Render(in.Markdown)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"html": html})
}

// notifyCodelabChanged tells live clients to refetch (wired by the server).
func (a *API) notifyCodelabChanged(id string) {
	if a.OnCodelabChanged != nil {
		a.OnCodelabChanged(id)
	}
}
