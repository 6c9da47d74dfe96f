package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opencodelabs/desktop/backend/model"
)

// HelpOp opens a help request for an attendee at step (0: their current
// step). An attendee has at most one open request.
func HelpOp(codelabID string, who model.Person, cid string, step int) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		var current int
		err := tx.QueryRowContext(ctx, `SELECT current_step FROM attendees WHERE id = ? AND codelab_id = ?`, who.ID, codelabID).Scan(&current)
		if err != nil {
			return Draft{}, fmt.Errorf("store: help attendee: %w", notFoundIfNoRows(err))
		}
		if step <= 0 {
			step = current
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM help_requests WHERE attendee_id = ? AND resolved_at IS NULL`,
			who.ID).Scan(&open); err != nil {
			return Draft{}, fmt.Errorf("store: help open: %w", err)
		}
		if open > 0 {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "help_already_open", Message: "You already asked for help; a facilitator is on the way."}
		}
		h := model.HelpRequest{ID: NewID(), Attendee: who, Step: step, CreatedAt: parseTime(at)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO help_requests (id, codelab_id, attendee_id, step, created_at)
			VALUES (?,?,?,?,?)`, h.ID, codelabID, who.ID, step, at); err != nil {
			return Draft{}, fmt.Errorf("store: insert help: %w", err)
		}
		// The new request has the highest rowid, so it is last in the queue.
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM help_requests WHERE codelab_id = ? AND resolved_at IS NULL`,
			codelabID).Scan(&h.Position); err != nil {
			return Draft{}, fmt.Errorf("store: help position: %w", err)
		}
		if err := RecordAuditTx(ctx, tx, model.AuditEntry{At: parseTime(at), ActorKind: ActorAttendee, ActorID: who.ID,
			ActorName: who.Name, Action: "help.ask", CodelabID: codelabID, TargetKind: "help", TargetID: h.ID,
			Detail: AuditDetail(map[string]any{"step": step})}); err != nil {
			return Draft{}, err
		}
		return Draft{Type: "help", VisibleTo: "admin", Fields: map[string]any{"request": h}}, nil
	}}
}

// ResolveHelpOp closes a help request. The facilitator may close any; an
// attendee only their own (cancelling it). An empty helpID means the
// attendee's open request.
func ResolveHelpOp(codelabID string, by model.Person, cid, helpID string) Op {
	return Op{CodelabID: codelabID, ActorID: by.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		q := `SELECT h.id, a.id, a.name FROM help_requests h JOIN attendees a ON a.id = h.attendee_id
			WHERE h.codelab_id = ? AND h.resolved_at IS NULL AND `
		args := []any{codelabID}
		switch {
		case by.ID == Admin.ID:
			q += `h.id = ?`
			args = append(args, helpID)
		case helpID == "":
			q += `h.attendee_id = ?`
			args = append(args, by.ID)
		default:
			q += `h.id = ? AND h.attendee_id = ?`
			args = append(args, helpID, by.ID)
		}
		var id string
		var asker model.Person
		err := tx.QueryRowContext(ctx, q, args...).Scan(&id, &asker.ID, &asker.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return Draft{}, &OpError{Kind: ErrNotFound, Code: "help_not_found", Message: "That help request is not open."}
		}
		if err != nil {
			return Draft{}, fmt.Errorf("store: find help: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE help_requests SET resolved_at = ?, resolved_by = ? WHERE id = ?`,
			at, by.ID, id); err != nil {
			return Draft{}, fmt.Errorf("store: resolve help: %w", err)
		}
		kind := ActorAttendee
		if by.ID == Admin.ID {
			kind = ActorFacilitator
		}
		if err := RecordAuditTx(ctx, tx, model.AuditEntry{At: parseTime(at), ActorKind: kind, ActorID: by.ID, ActorName: by.Name,
			Action: "help.resolve", CodelabID: codelabID, TargetKind: "help", TargetID: id,
			Detail: AuditDetail(map[string]any{"attendee_id": asker.ID})}); err != nil {
			return Draft{}, err
		}
		visible := asker.ID
		if by.ID != Admin.ID {
			visible = Admin.ID
		}
		return Draft{Type: "help_resolved", VisibleTo: visible, Fields: map[string]any{
			"request_id": id, "attendee": asker, "by": by,
		}}, nil
	}}
}

// OpenHelp lists a codelab's open help requests in queue order with their
// positions.
func (s *Store) OpenHelp(ctx context.Context, codelabID string) ([]model.HelpRequest, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT h.id, a.id, a.name, h.step, h.created_at
		FROM help_requests h JOIN attendees a ON a.id = h.attendee_id
		WHERE h.codelab_id = ? AND h.resolved_at IS NULL ORDER BY h.rowid`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: open help: %w", err)
	}
	defer rows.Close()
	out := []model.HelpRequest{}
	for rows.Next() {
		var h model.HelpRequest
		var created string
		if err := rows.Scan(&h.ID, &h.Attendee.ID, &h.Attendee.Name, &h.Step, &created); err != nil {
			return nil, fmt.Errorf("store: scan help: %w", err)
		}
		h.CreatedAt, h.Position = parseTime(created), len(out)+1
		out = append(out, h)
	}
	return out, rows.Err()
}
