package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/report"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/frontend/src/lib/i18n"
)

// reportRoutes serve the workshop report (docs/api.md, "Workshop report").
func (a *API) reportRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/admin/codelabs/{id}/report", a.admin(a.getReport))
}

// getReport is GET .../report?session=&format=json|csv|html|pdf&table=&lang=.
// session is a session id or "current" (the default).
func (a *API) getReport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "json"
	}
	table := q.Get("table")
	if table == "" {
		table = report.TableSteps
	}
	if format != "json" && format != "csv" && format != "html" && format != "pdf" {
		return badRequest("invalid_format", "format must be json, csv, html or pdf.")
	}
	if format == "csv" && !report.IsTable(table) {
		return fieldError("table", "one_of", map[string]any{"choices": strings.Join(report.Tables, ", ")}, "table must be one of %v.", report.Tables)
	}
	rep, err := a.buildReport(r)
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(w, http.StatusOK, rep)
	}
	lang := i18n.Match(q.Get("lang"))
	base := fmt.Sprintf("report-%s-%s", rep.Codelab.ID, rep.From.Format("2006-01-02-1504")) // attachment() cleans it
	var body []byte
	switch format {
	case "csv":
		body, err = report.CSV(rep, table)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		base += "-" + table
	case "html":
		body, err = report.HTML(rep, lang)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	case "pdf":
		body, err = report.PDF(rep, lang)
		w.Header().Set("Content-Type", "application/pdf")
	}
	if err != nil {
		return err
	}
	a.audit(r, "report.export", rep.Codelab.ID, "session", rep.Session.ID, map[string]any{"format": format})
	if format != "html" { // the HTML page opens in the browser, to be printed
		w.Header().Set("Content-Disposition", attachment(base+"."+format))
	}
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
	return nil
}

// buildReport gathers the codelab, the session and the quiz and computes
// the report.
func (a *API) buildReport(r *http.Request) (*model.Report, error) {
	id := r.PathValue("id")
	c, err := a.Store.GetCodelab(r.Context(), id)
	if err != nil {
		return nil, err
	}
	sid := r.URL.Query().Get("session")
	if sid == "" {
		sid = store.CurrentSessionID
	}
	d, err := a.Store.Session(r.Context(), id, sid)
	if err != nil {
		return nil, err
	}
	quiz, err := a.Store.GetQuiz(r.Context(), id)
	if err != nil {
		return nil, err
	}
	rep := report.Build(report.Input{Codelab: *c, Session: *d, Quiz: quiz, Now: time.Now().UTC()})
	return &rep, nil
}
