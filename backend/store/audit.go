package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// Actor kinds of the audit log.
const (
	ActorFacilitator = "facilitator"
	ActorAttendee    = "attendee"
	ActorHelper      = "helper"
	ActorSystem      = "system"
)

// Audit retention bounds (days) and the default a new database starts with.
const (
	DefaultAuditRetentionDays = 180
	MinAuditRetentionDays     = 1
	MaxAuditRetentionDays     = 36500
)

// AuditPruneInterval is how often a running server drops expired rows.
const AuditPruneInterval = 24 * time.Hour

// auditTimeLayout is fixed width (unlike RFC3339Nano, which trims zeros) so
// that comparing the at column as text compares times.
const auditTimeLayout = "2006-01-02T15:04:05.000000000Z"

// maxAuditDetail bounds one row's detail JSON: the log records facts, not content.
const maxAuditDetail = 2 << 10

// AuditDetail encodes a small detail object; an empty map gives "{}".
func AuditDetail(fields map[string]any) json.RawMessage {
	if len(fields) == 0 {
		return json.RawMessage("{}")
	}
	b, err := json.Marshal(fields)
	if err != nil || len(b) > maxAuditDetail {
		return json.RawMessage(`{"detail":"omitted"}`)
	}
	return b
}

// RecordAuditTx writes e inside the caller's transaction, so the row
// commits (or rolls back) with the write it describes.
func RecordAuditTx(ctx context.Context, tx *sql.Tx, e model.AuditEntry) error {
	switch e.ActorKind {
	case ActorFacilitator, ActorAttendee, ActorHelper, ActorSystem:
	default:
		return fmt.Errorf("store: audit: unknown actor kind %q", e.ActorKind)
	}
	if e.Action == "" {
		return errors.New("store: audit: empty action")
	}
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	detail := e.Detail
	if len(detail) == 0 || len(detail) > maxAuditDetail || !json.Valid(detail) {
		detail = json.RawMessage("{}")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log
		(at, actor_kind, actor_id, actor_name, action, codelab_id, target_kind, target_id, detail)
		VALUES (?,?,?,?,?,?,?,?,?)`, at.UTC().Format(auditTimeLayout), e.ActorKind, e.ActorID, e.ActorName,
		e.Action, e.CodelabID, e.TargetKind, e.TargetID, string(detail))
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// RecordAudit writes e in its own transaction, right after the caller's
// committed write.
func (s *Store) RecordAudit(ctx context.Context, e model.AuditEntry) error {
	return s.Write(ctx, func(tx *sql.Tx) error { return RecordAuditTx(ctx, tx, e) })
}

// AuditFilter selects audit rows; zero fields match everything. Actor
// matches the actor's id, kind or name (names case-insensitively).
type AuditFilter struct {
	CodelabID string
	Action    string
	Actor     string
	Since     time.Time // inclusive
	Until     time.Time // exclusive
	Before    int64     // only ids below this (paging); 0: from the newest
	Limit     int       // 0: no limit
}

// ListAudit returns matching rows, newest first.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]model.AuditEntry, error) {
	var where []string
	var args []any
	add := func(cond string, vals ...any) { where = append(where, cond); args = append(args, vals...) }
	if f.CodelabID != "" {
		add(`codelab_id = ?`, f.CodelabID)
	}
	if f.Action != "" {
		add(`action = ?`, f.Action)
	}
	if f.Actor != "" {
		add(`(actor_id = ? OR actor_kind = ? OR actor_name = ? COLLATE NOCASE)`, f.Actor, f.Actor, f.Actor)
	}
	if !f.Since.IsZero() {
		add(`at >= ?`, f.Since.UTC().Format(auditTimeLayout))
	}
	if !f.Until.IsZero() {
		add(`at < ?`, f.Until.UTC().Format(auditTimeLayout))
	}
	if f.Before > 0 {
		add(`id < ?`, f.Before)
	}
	q := `SELECT id, at, actor_kind, actor_id, actor_name, action, codelab_id, target_kind, target_id, detail FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	out := []model.AuditEntry{}
	for rows.Next() {
		var e model.AuditEntry
		var at, detail string
		if err := rows.Scan(&e.ID, &at, &e.ActorKind, &e.ActorID, &e.ActorName, &e.Action, &e.CodelabID,
			&e.TargetKind, &e.TargetID, &detail); err != nil {
			return nil, fmt.Errorf("store: scan audit: %w", err)
		}
		e.At, _ = time.Parse(auditTimeLayout, at)
		e.Detail = json.RawMessage(detail)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditRetentionDays is how many days audit rows are kept.
func (s *Store) AuditRetentionDays(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT retention_days FROM audit_settings WHERE id = 1`).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultAuditRetentionDays, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: audit retention: %w", err)
	}
	return n, nil
}

// SetAuditRetentionDays changes the retention; out of range is ErrInvalid.
func (s *Store) SetAuditRetentionDays(ctx context.Context, days int) error {
	if days < MinAuditRetentionDays || days > MaxAuditRetentionDays {
		return fmt.Errorf("store: audit retention %d days: %w", days, ErrInvalid)
	}
	return s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_settings (id, retention_days) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET retention_days = excluded.retention_days`, days)
		if err != nil {
			return fmt.Errorf("store: set audit retention: %w", err)
		}
		return nil
	})
}

// PruneAudit deletes the rows older than the retention as of now and
// reports how many went.
func (s *Store) PruneAudit(ctx context.Context, now time.Time) (int64, error) {
	days, err := s.AuditRetentionDays(ctx)
	if err != nil {
		return 0, err
	}
	cutoff := now.UTC().AddDate(0, 0, -days).Format(auditTimeLayout)
	var n int64
	err = s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM audit_log WHERE at < ?`, cutoff)
		if err != nil {
			return fmt.Errorf("store: prune audit: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// RunAuditPruning prunes once now and then on every tick until ctx ends.
// now is the clock (tests pass a fake one).
func (s *Store) RunAuditPruning(ctx context.Context, now func() time.Time, tick <-chan time.Time, log *slog.Logger) {
	prune := func() {
		if n, err := s.PruneAudit(ctx, now()); err != nil && ctx.Err() == nil {
			log.Warn("audit log pruning failed", "err", err)
		} else if n > 0 {
			log.Info("audit log pruned", "rows", n)
		}
	}
	prune()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			prune()
		}
	}
}

// auditAnnouncementTx records an announcement (HTTP or admin WebSocket)
// inside its event's transaction. The row names the event by the seq
// appendTx is about to give it (same query, same transaction); the text
// stays in the event log only.
func auditAnnouncementTx(ctx context.Context, tx *sql.Tx, codelabID, at string) error {
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE codelab_id = ?`,
		codelabID).Scan(&seq); err != nil {
		return fmt.Errorf("store: audit announcement seq: %w", err)
	}
	return RecordAuditTx(ctx, tx, model.AuditEntry{At: parseTime(at), ActorKind: ActorFacilitator, ActorID: Admin.ID,
		ActorName: Admin.Name, Action: "announcement.send", CodelabID: codelabID, TargetKind: "event",
		TargetID: strconv.FormatInt(seq, 10)})
}
