package api

import (
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/report"
	"github.com/opencodelabs/desktop/backend/store"
)

// Audit log paging bounds (GET /api/admin/audit?format=json).
const (
	auditDefaultLimit = 100
	auditMaxLimit     = 1000
)

// auditRoutes registers the audit log endpoints (docs/api.md, "Audit log").
func (a *API) auditRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /api/admin/audit", a.admin(a.listAudit))
	m.HandleFunc("GET /api/admin/audit/settings", a.admin(a.auditSettings))
	m.HandleFunc("PUT /api/admin/audit/settings", a.admin(a.putAuditSettings))
}

// audit records one facilitator action after its write committed. Call it
// at the end of a successful admin handler, e.g.
//
//	a.audit(r, "attendee.remove", codelabID, "attendee", aid, map[string]any{"chat": "kept"})
//
// A failure to record is logged, not returned: the action itself is done.
func (a *API) audit(r *http.Request, action, codelabID, targetKind, targetID string, detail map[string]any) {
	a.auditAs(r, store.ActorFacilitator, store.Admin, action, codelabID, targetKind, targetID, detail)
}

// auditAttendee records an attendee milestone (register, continue, ...).
func (a *API) auditAttendee(r *http.Request, who model.Person, action, codelabID string, detail map[string]any) {
	a.auditAs(r, store.ActorAttendee, who, action, codelabID, "attendee", who.ID, detail)
}

// auditAs records an action of any actor kind (facilitator, attendee,
// helper, system). Detail holds facts only: never chat or other text.
func (a *API) auditAs(r *http.Request, kind string, who model.Person, action, codelabID, targetKind, targetID string, detail map[string]any) {
	err := a.Store.RecordAudit(r.Context(), model.AuditEntry{ActorKind: kind, ActorID: who.ID, ActorName: who.Name,
		Action: action, CodelabID: codelabID, TargetKind: targetKind, TargetID: targetID, Detail: store.AuditDetail(detail)})
	if err != nil {
		a.log.Warn("audit log: record failed", "action", action, "err", err)
	}
}

// auditTime parses a since/until parameter: RFC 3339 or a date (YYYY-MM-DD, UTC midnight).
func auditTime(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Time{}, badRequest("invalid_time", "The parameter %s must be an RFC 3339 time or a date (YYYY-MM-DD).", name)
}

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := store.AuditFilter{CodelabID: q.Get("codelab"), Action: q.Get("action"), Actor: q.Get("actor")}
	var err error
	if f.Since, err = auditTime("since", q.Get("since")); err != nil {
		return err
	}
	if f.Until, err = auditTime("until", q.Get("until")); err != nil {
		return err
	}
	format := q.Get("format")
	switch format {
	case "", "json":
	case "csv":
		list, err := a.Store.ListAudit(r.Context(), f) // the whole filtered log
		if err != nil {
			return err
		}
		return writeAuditCSV(w, list)
	default:
		return badRequest("invalid_format", "The format must be json or csv.")
	}
	f.Limit = auditDefaultLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > auditMaxLimit {
			return badRequest("invalid_limit", "The parameter limit must be between 1 and %d.", auditMaxLimit)
		}
		f.Limit = n
	}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return badRequest("invalid_before", "The parameter before must be a positive row id.")
		}
		f.Before = n
	}
	f.Limit++ // one more tells whether there is a next page
	list, err := a.Store.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	more := len(list) == f.Limit
	if more {
		list = list[:f.Limit-1]
	}
	var next int64
	if more {
		next = list[len(list)-1].ID
	}
	return writeJSON(w, http.StatusOK, map[string]any{"entries": list, "more": more, "next_before": next})
}

var auditCSVHeader = []string{"id", "at", "actor_kind", "actor_id", "actor_name", "action", "codelab_id", "target_kind", "target_id", "detail"}

func writeAuditCSV(w http.ResponseWriter, list []model.AuditEntry) error {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", attachment("audit-log-"+time.Now().UTC().Format("20060102-150405Z")+".csv"))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	cw := csv.NewWriter(w)
	if err := cw.Write(auditCSVHeader); err != nil {
		return err
	}
	for _, e := range list {
		row := []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), e.ActorKind, e.ActorID, e.ActorName,
			e.Action, e.CodelabID, e.TargetKind, e.TargetID, string(e.Detail)}
		for i := range row {
			row[i] = report.SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (a *API) auditSettings(w http.ResponseWriter, r *http.Request) error {
	days, err := a.Store.AuditRetentionDays(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"retention_days": days})
}

func (a *API) putAuditSettings(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		RetentionDays *int `json:"retention_days"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.RetentionDays == nil {
		return fieldError("retention_days", "required", nil, "The field retention_days is required.")
	}
	err := a.Store.SetAuditRetentionDays(r.Context(), *in.RetentionDays)
	if errors.Is(err, store.ErrInvalid) {
		return fieldError("retention_days", "range", map[string]any{"min": store.MinAuditRetentionDays, "max": store.MaxAuditRetentionDays},
			"The field retention_days must be between %d and %d.", store.MinAuditRetentionDays, store.MaxAuditRetentionDays)
	}
	if err != nil {
		return err
	}
	a.audit(r, "audit.settings", "", "settings", "audit", map[string]any{"retention_days": *in.RetentionDays})
	return writeJSON(w, http.StatusOK, map[string]int{"retention_days": *in.RetentionDays})
}

// codelabUpdateAction names an update in the log: a change of visibility
// is a publish or unpublish (one row per request either way).
func codelabUpdateAction(wasPublic, isPublic bool) string {
	switch {
	case !wasPublic && isPublic:
		return "codelab.publish"
	case wasPublic && !isPublic:
		return "codelab.unpublish"
	}
	return "codelab.update"
}

// fieldNames lists the fields a codelab patch set (their values stay out
// of the log: the access code is a secret).
func (in *codelabInput) fieldNames() []string {
	out := []string{}
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"title", in.Title != nil}, {"description", in.Description != nil}, {"author", in.Author != nil},
		{"duration_minutes", in.DurationMinutes != nil}, {"tags", in.Tags != nil}, {"is_public", in.IsPublic != nil},
		{"access_code", in.AccessCode != nil}, {"guide_markdown", in.GuideMarkdown != nil}, {"max_attendees", in.MaxAttendees != nil},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}
