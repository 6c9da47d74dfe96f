package api

import (
	"context"
	"database/sql"
	"net/http"
	"strings"

	"github.com/opencodelabs/desktop/backend/importer"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// importExtras is what POST /api/admin/import reports beyond the codelab:
// the claat environments it names and which one was imported, how many
// steps that hid, the prepared polls stored, and claat's status (a
// "Published" codelab is still imported hidden: the facilitator decides).
type importExtras struct {
	Environment  string   `json:"environment"`
	Environments []string `json:"environments"`
	HiddenSteps  int      `json:"hidden_steps"`
	Polls        int      `json:"polls"`
	Status       string   `json:"claat_status,omitempty"`
}

// importOptions reads the environment to import from the form field or
// the query string (?environment=kiosk); default web.
func importOptions(r *http.Request, fields map[string]string) (importer.Options, error) {
	env := strings.TrimSpace(fields["environment"])
	if env == "" {
		env = strings.TrimSpace(r.URL.Query().Get("environment"))
	}
	if len(env) > 40 || strings.ContainsAny(env, ",\r\n") {
		return importer.Options{}, fieldError("environment", "invalid", nil, "The field environment must be one claat environment name such as web or kiosk.")
	}
	return importer.Options{Environment: env}, nil
}

// storeImportExtras stores the bundle's header fields and prepared polls
// in the import's transaction and fills in the report.
func storeImportExtras(ctx context.Context, tx *sql.Tx, codelabID string, b *importer.Bundle, out *importExtras) error {
	if err := store.InsertMetaTx(ctx, tx, codelabID, b.Meta); err != nil {
		return err
	}
	for _, s := range b.Codelab.Steps {
		if s.Hidden {
			out.HiddenSteps++
		}
	}
	polls := make([]model.Poll, 0, len(b.Polls)) // taken out of the steps by the importer (importer/polls.go)
	for _, p := range b.Polls {
		polls = append(polls, model.Poll{Question: p.Question, Options: p.Options, Step: p.Step})
	}
	if err := store.InsertPollsTx(ctx, tx, codelabID, polls); err != nil {
		return err
	}
	out.Polls = len(polls)
	out.Environments = b.Environments()
	if out.Environments == nil {
		out.Environments = []string{}
	}
	out.Environment = b.Environment
	if out.Environment == "" {
		out.Environment = importer.DefaultEnvironment
	}
	out.Status = b.Meta["status"]
	return nil
}

// attendeeSteps drops the hidden steps of an attendee's view and numbers
// the others densely from 1, as attendees navigate and report progress.
func attendeeSteps(c *model.Codelab) {
	visible := c.Steps[:0:0]
	for _, s := range c.Steps {
		if !s.Hidden {
			s.Number = len(visible) + 1
			s.Environments = nil
			visible = append(visible, s)
		}
	}
	c.Steps = visible
	c.StepCount = len(visible)
}

// feedbackURL is the codelab's claat "feedback link" when it is a web URL.
func (a *API) feedbackURL(ctx context.Context, codelabID string) string {
	meta, err := a.Store.CodelabMeta(ctx, codelabID)
	if err != nil {
		return ""
	}
	u := strings.TrimSpace(meta["feedback link"])
	if l := strings.ToLower(u); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return u
	}
	return ""
}

// cleanEnvironments keeps up to 20 short, distinct, lower-case environment
// names without commas (the column is comma-separated).
func cleanEnvironments(in []string) []string {
	var out []string
	for _, e := range in {
		e = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(e, ",", " ")))
		if e == "" || len(e) > 40 || len(out) == 20 {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == e
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}
