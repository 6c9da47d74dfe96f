package api

import (
	"context"
	"database/sql"
	"errors"
	"net/http"

	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// loopRoutes registers the workshop loop: guide, quiz, feedback,
// submissions, completion, certificates and raffle (docs/api.md).
func (a *API) loopRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/admin/codelabs/{id}/guide", a.admin(a.getGuide))
	m.HandleFunc("PUT /api/admin/codelabs/{id}/guide", a.admin(a.putGuide))
	m.HandleFunc("GET /api/codelabs/{id}/guide", a.wrap(a.publicGuide))

	m.HandleFunc("PUT /api/admin/codelabs/{id}/quiz", a.admin(a.putQuiz))
	m.HandleFunc("GET /api/admin/codelabs/{id}/quiz", a.admin(a.adminQuiz))
	m.HandleFunc("GET /api/admin/codelabs/{id}/quiz/stats", a.admin(a.quizStats))
	m.HandleFunc("GET /api/codelabs/{id}/quiz", a.wrap(a.attendeeQuiz))
	m.HandleFunc("POST /api/codelabs/{id}/quiz/attempts", a.wrap(a.quizAttempt))

	m.HandleFunc("PUT /api/codelabs/{id}/feedback", a.wrap(a.putFeedback))
	m.HandleFunc("GET /api/codelabs/{id}/feedback", a.wrap(a.myFeedback))
	m.HandleFunc("GET /api/admin/codelabs/{id}/feedback", a.admin(a.feedbackSummary))

	m.HandleFunc("POST /api/codelabs/{id}/submissions", a.wrap(a.submit))
	m.HandleFunc("GET /api/codelabs/{id}/submissions", a.wrap(a.mySubmissions))
	m.HandleFunc("DELETE /api/codelabs/{id}/submissions/{sid}", a.wrap(a.deleteSubmission))
	m.HandleFunc("GET /api/codelabs/{id}/submissions/{sid}/download", a.wrap(a.downloadSubmission))
	m.HandleFunc("GET /api/admin/codelabs/{id}/submissions", a.admin(a.adminSubmissions))
	m.HandleFunc("GET /api/admin/codelabs/{id}/submissions/archive", a.admin(a.submissionsArchive))
	m.HandleFunc("GET /api/admin/codelabs/{id}/submissions/{sid}/thumbnail", a.admin(a.submissionThumbnail))

	m.HandleFunc("GET /api/me/requirements", a.wrap(a.myRequirements))
	m.HandleFunc("POST /api/me/complete", a.wrap(a.complete))
	m.HandleFunc("GET /api/admin/codelabs/{id}/loop", a.admin(a.loopStatus))
	m.HandleFunc("GET /api/certificates/{cid}", a.wrap(a.getCertificate))
	m.HandleFunc("GET /api/certificates/{cid}/pdf", a.wrap(a.certificatePDF))
	m.HandleFunc("POST /api/certificates/verify", a.wrap(a.verifyCertificate))
	m.HandleFunc("GET /api/admin/certificates/key", a.admin(a.certificateKey))

	m.HandleFunc("POST /api/admin/codelabs/{id}/raffle", a.admin(a.raffle))
	m.HandleFunc("GET /api/admin/codelabs/{id}/raffle", a.admin(a.raffleDraws))
}

// runOp commits op through the live event log (which publishes its event
// after the commit) or, without one, in a plain transaction.
func (a *API) runOp(ctx context.Context, op store.Op) (store.Event, error) {
	if a.Events != nil {
		ev, _, err := a.Events.Append(ctx, op)
		return ev, err
	}
	return a.Store.ApplyOp(ctx, op)
}

// codelabAttendee authenticates an attendee token of the codelab in the path.
func (a *API) codelabAttendee(r *http.Request) (*model.Attendee, error) {
	at, err := a.attendee(r)
	if err != nil {
		return nil, err
	}
	if at.CodelabID != r.PathValue("id") {
		return nil, Errorf(http.StatusForbidden, "wrong_codelab", "This attendee token belongs to another codelab.")
	}
	return at, nil
}

func person(at *model.Attendee) model.Person { return model.Person{ID: at.ID, Name: at.Name} }

// loopSettingsInput is the workshop loop's part of a codelab create or
// patch request (embedded in codelabInput); nil fields are left alone.
type loopSettingsInput struct {
	QuizEnabled             *bool  `json:"quiz_enabled"`
	RequireQuiz             *bool  `json:"require_quiz"`
	RequireFeedback         *bool  `json:"require_feedback"`
	RequireSubmission       *bool  `json:"require_submission"`
	SubmissionMaxFileBytes  *int64 `json:"submission_max_file_bytes"`
	SubmissionMaxTotalBytes *int64 `json:"submission_max_total_bytes"`
	Closed                  *bool  `json:"closed"`
}

func (in *loopSettingsInput) patch(c *model.Codelab) error {
	store.DefaultLimits(c)
	for _, f := range []struct {
		src *bool
		dst *bool
	}{{in.QuizEnabled, &c.QuizEnabled}, {in.RequireQuiz, &c.RequireQuiz}, {in.RequireFeedback, &c.RequireFeedback},
		{in.RequireSubmission, &c.RequireSubmit}, {in.Closed, &c.Closed}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	file, total := c.SubmissionMaxFileBytes, c.SubmissionMaxTotalBytes
	if in.SubmissionMaxFileBytes != nil {
		file = *in.SubmissionMaxFileBytes
	}
	if in.SubmissionMaxTotalBytes != nil {
		total = *in.SubmissionMaxTotalBytes
	}
	if file < store.MinSubmissionFileBytes || file > store.MaxSubmissionFileBytes {
		return fieldError("submission_max_file_bytes", "range",
			map[string]any{"min": store.MinSubmissionFileBytes, "max": store.MaxSubmissionFileBytes, "unit": "bytes"},
			"The field submission_max_file_bytes must be between %d and %d.", store.MinSubmissionFileBytes, store.MaxSubmissionFileBytes)
	}
	if total < file || total > store.MaxSubmissionTotalBytes {
		return fieldError("submission_max_total_bytes", "range",
			map[string]any{"min": file, "max": store.MaxSubmissionTotalBytes, "unit": "bytes"},
			"The field submission_max_total_bytes must be at least submission_max_file_bytes and at most %d.", store.MaxSubmissionTotalBytes)
	}
	c.SubmissionMaxFileBytes, c.SubmissionMaxTotalBytes = file, total
	return nil
}

type guideOut struct {
	Markdown *string `json:"markdown,omitempty"`
	HTML     string  `json:"html"`
}

func (a *API) writeGuide(w http.ResponseWriter, c *model.Codelab, withMarkdown bool) error {
	html, err := a.Markdown.Render(c.GuideMarkdown)
	if err != nil {
		return err
	}
	out := guideOut{HTML: html}
	if withMarkdown {
		out.Markdown = &c.GuideMarkdown
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) getGuide(w http.ResponseWriter, r *http.Request) error {
	c, err := a.Store.CodelabSummary(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return a.writeGuide(w, c, true)
}

// putGuide saves the preparation guide: PUT .../guide {"markdown"}.
func (a *API) putGuide(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Markdown *string `json:"markdown"`
	}
	if err := decodeJSONLimit(w, r, &in, maxStepMarkdown+64<<10); err != nil {
		return err
	}
	if in.Markdown == nil {
		return fieldError("markdown", "required", nil, "The field markdown is required.")
	}
	c, err := a.Store.CodelabSummary(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	patch := codelabInput{GuideMarkdown: in.Markdown}
	if err := patch.patch(c); err != nil {
		return err
	}
	if err := a.Store.UpdateCodelab(r.Context(), c); err != nil {
		return err
	}
	a.notifyCodelabChanged(c.ID)
	return a.writeGuide(w, c, true)
}

// publicGuide serves the guide's HTML with the steps' access rule.
func (a *API) publicGuide(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := a.attendeeMayRead(r, id); err != nil {
		return err
	}
	c, err := a.Store.CodelabSummary(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeGuide(w, c, false)
}

// sanitizeImportedLoop keeps an imported codelab's loop settings in range
// (a hostile archive cannot set a 1 TB quota) and opens it.
func sanitizeImportedLoop(c *model.Codelab) {
	if (&loopSettingsInput{}).patch(c) != nil {
		c.SubmissionMaxFileBytes, c.SubmissionMaxTotalBytes = store.DefaultSubmissionFileBytes, store.DefaultSubmissionTotalBytes
	}
	c.Closed = false
}

// importQuizTx stores an imported quiz in tx after the same checks as a
// quiz PUT; an invalid quiz is skipped with a warning, not an error.
func importQuizTx(ctx context.Context, tx *sql.Tx, c *model.Codelab, quiz *model.Quiz) (*model.Notice, error) {
	if quiz == nil || len(quiz.Questions) == 0 {
		return nil, nil
	}
	in := quizIn{PassPercent: &quiz.PassPercent, Retries: &quiz.Retries, Questions: quiz.Questions}
	clean, err := in.validate(len(c.Steps))
	var e *Error
	if errors.As(err, &e) {
		// reason_code lets the apps show the reason as their errors.<code> text.
		n := model.NewNotice("quiz_skipped", "Skipped the quiz: "+e.Message, "reason", e.Message, "reason_code", e.Code)
		return &n, nil
	}
	if err != nil {
		return nil, err
	}
	for i := range clean.Questions {
		clean.Questions[i].ID = ""
	}
	return nil, store.ReplaceQuizTx(ctx, tx, c.ID, clean)
}

// exportLoop adds the codelab's quiz and raffle draws to an export.
func (a *API) exportLoop(ctx context.Context, b *importer.Bundle) error {
	quiz, err := a.Store.GetQuiz(ctx, b.Codelab.ID)
	if err != nil {
		return err
	}
	b.Quiz = quiz
	b.RaffleDraws, err = a.Store.RaffleDraws(ctx, b.Codelab.ID)
	return err
}
