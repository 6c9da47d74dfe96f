package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/opencodelabs/desktop/backend/model"
)

// MaxHelpersPerCodelab bounds the invitations of one codelab.
const MaxHelpersPerCodelab = 50

// HelperTypes are the event types a helper sees besides public events and
// their own DMs: the help queue and everyone's progress, which attendees
// do not see of each other (docs/realtime.md, "Helpers").
var HelperTypes = []string{"help", "help_resolved", "help_claimed", "progress", "completed"}

// HelperSees reports whether typ is one of HelperTypes.
func HelperSees(typ string) bool {
	for _, t := range HelperTypes {
		if t == typ {
			return true
		}
	}
	return false
}

// NewHelper is a created helper with the token shown once.
type NewHelper struct {
	model.Helper
	Token string `json:"token"`
}

const helperColumns = `id, codelab_id, name, can_announce, created_at`

func scanHelper(row rowScanner) (*model.Helper, error) {
	var h model.Helper
	var created string
	if err := row.Scan(&h.ID, &h.CodelabID, &h.Name, &h.CanAnnounce, &created); err != nil {
		return nil, err
	}
	h.CreatedAt = parseTime(created)
	return &h, nil
}

// CreateHelper invites name to codelabID. Errors: ErrNotFound (no codelab),
// ErrInvalid (bad name), ErrConflict (name taken among its helpers, or too many).
func (s *Store) CreateHelper(ctx context.Context, codelabID, name string, canAnnounce bool) (*NewHelper, error) {
	name = CleanName(name)
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	var out *NewHelper
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM codelabs WHERE id = ?`, codelabID).Scan(&n); err != nil {
			return fmt.Errorf("store: helper codelab: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
		}
		var taken, count int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(name_key = ?), 0), COUNT(*) FROM helpers WHERE codelab_id = ?`,
			NameKey(name), codelabID).Scan(&taken, &count); err != nil {
			return fmt.Errorf("store: helper names: %w", err)
		}
		if taken > 0 {
			return &OpError{Kind: ErrConflict, Code: "name_taken", Message: "A helper of this codelab already has that name."}
		}
		if count >= MaxHelpersPerCodelab {
			return &OpError{Kind: ErrConflict, Code: "too_many_helpers",
				Message: fmt.Sprintf("A codelab can have at most %d helpers; remove one first.", MaxHelpersPerCodelab)}
		}
		t := now()
		h := NewHelper{Helper: model.Helper{ID: NewID(), CodelabID: codelabID, Name: name, CanAnnounce: canAnnounce,
			CreatedAt: parseTime(t)}, Token: newToken()}
		if _, err := tx.ExecContext(ctx, `INSERT INTO helpers (id, codelab_id, name, name_key, token_hash, can_announce, created_at)
			VALUES (?,?,?,?,?,?,?)`, h.ID, codelabID, name, NameKey(name), HashToken(h.Token), canAnnounce, t); err != nil {
			return fmt.Errorf("store: insert helper: %w", err)
		}
		out = &h
		return nil
	})
	return out, err
}

// Helpers lists a codelab's helpers, oldest first (never their tokens).
func (s *Store) Helpers(ctx context.Context, codelabID string) ([]model.Helper, error) {
	return queryList(ctx, s.read, scanHelper, "helpers", "helper",
		`SELECT `+helperColumns+` FROM helpers WHERE codelab_id = ? ORDER BY created_at, rowid`, codelabID)
}

// HelperByToken finds the helper a token belongs to (ErrNotFound if none:
// never issued, or revoked).
func (s *Store) HelperByToken(ctx context.Context, token string) (*model.Helper, error) {
	if token == "" {
		return nil, fmt.Errorf("store: helper token: %w", ErrNotFound)
	}
	h, err := scanHelper(s.read.QueryRowContext(ctx, `SELECT `+helperColumns+` FROM helpers WHERE token_hash = ?`, HashToken(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: helper token: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: helper by token: %w", err)
	}
	return h, nil
}

// DeleteHelper revokes a helper of codelabID and returns it with the open
// help requests it had claimed (the caller releases them). ErrNotFound if
// there is no such helper.
func (s *Store) DeleteHelper(ctx context.Context, codelabID, helperID string) (*model.Helper, []string, error) {
	var h *model.Helper
	var claimed []string
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		h, err = scanHelper(tx.QueryRowContext(ctx, `SELECT `+helperColumns+` FROM helpers WHERE id = ? AND codelab_id = ?`,
			helperID, codelabID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: helper %q: %w", helperID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: find helper: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM help_requests WHERE codelab_id = ? AND claimed_by = ?
			AND resolved_at IS NULL ORDER BY rowid`, codelabID, helperID)
		if err != nil {
			return fmt.Errorf("store: helper claims: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("store: helper claims: %w", err)
			}
			claimed = append(claimed, id)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: helper claims: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM helpers WHERE id = ?`, helperID); err != nil {
			return fmt.Errorf("store: delete helper: %w", err)
		}
		return nil
	})
	return h, claimed, err
}

// ClaimHelpOp is a helper saying "I am coming" (claim) or taking it back.
// A request has one claimant at a time; only the claimant can unclaim it,
// except the facilitator (Admin), who may release any claim (when a helper
// is removed). The event goes to the asker, helpers and the facilitator.
func ClaimHelpOp(codelabID string, by model.Person, cid, requestID string, claim bool) Op {
	return Op{CodelabID: codelabID, ActorID: by.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		var asker model.Person
		var holder, holderName sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT a.id, a.name, h.claimed_by, h.claimed_name FROM help_requests h
			JOIN attendees a ON a.id = h.attendee_id
			WHERE h.id = ? AND h.codelab_id = ? AND h.resolved_at IS NULL`, requestID, codelabID).
			Scan(&asker.ID, &asker.Name, &holder, &holderName)
		if errors.Is(err, sql.ErrNoRows) {
			return Draft{}, &OpError{Kind: ErrNotFound, Code: "help_not_found", Message: "That help request is not open."}
		}
		if err != nil {
			return Draft{}, fmt.Errorf("store: find help: %w", err)
		}
		var claimedBy *model.Person
		action := "help.claim"
		switch {
		case claim && holder.Valid:
			return Draft{}, &OpError{Kind: ErrConflict, Code: "help_already_claimed",
				Message: fmt.Sprintf("%s is already on the way to this request.", holderName.String)}
		case claim:
			claimedBy = &by
			if _, err := tx.ExecContext(ctx, `UPDATE help_requests SET claimed_by = ?, claimed_name = ?, claimed_at = ? WHERE id = ?`,
				by.ID, by.Name, at, requestID); err != nil {
				return Draft{}, fmt.Errorf("store: claim help: %w", err)
			}
		case !holder.Valid || (holder.String != by.ID && by.ID != Admin.ID):
			return Draft{}, &OpError{Kind: ErrConflict, Code: "not_your_claim", Message: "You have not claimed this help request."}
		default:
			action = "help.unclaim"
			if _, err := tx.ExecContext(ctx, `UPDATE help_requests SET claimed_by = NULL, claimed_name = NULL, claimed_at = NULL
				WHERE id = ?`, requestID); err != nil {
				return Draft{}, fmt.Errorf("store: unclaim help: %w", err)
			}
		}
		kind := ActorHelper
		if by.ID == Admin.ID {
			kind = ActorFacilitator
		}
		if err := RecordAuditTx(ctx, tx, model.AuditEntry{At: parseTime(at), ActorKind: kind, ActorID: by.ID, ActorName: by.Name,
			Action: action, CodelabID: codelabID, TargetKind: "help", TargetID: requestID,
			Detail: AuditDetail(map[string]any{"attendee_id": asker.ID})}); err != nil {
			return Draft{}, err
		}
		return Draft{Type: "help_claimed", VisibleTo: asker.ID, Fields: map[string]any{
			"request_id": requestID, "attendee": asker, "claimed_by": claimedBy, "by": by,
		}}, nil
	}}
}

// HelperAnnouncementOp is an announcement made by a helper the facilitator
// allowed to (the caller checks the permission); it names the helper.
func HelperAnnouncementOp(codelabID string, from model.Person, cid, text string) Op {
	return Op{CodelabID: codelabID, ActorID: from.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		text, err := ValidateText(text)
		if err != nil {
			return Draft{}, err
		}
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE codelab_id = ?`,
			codelabID).Scan(&seq); err != nil {
			return Draft{}, fmt.Errorf("store: audit announcement seq: %w", err)
		}
		if err := RecordAuditTx(ctx, tx, model.AuditEntry{At: parseTime(at), ActorKind: ActorHelper, ActorID: from.ID,
			ActorName: from.Name, Action: "announcement.send", CodelabID: codelabID, TargetKind: "event",
			TargetID: strconv.FormatInt(seq, 10)}); err != nil {
			return Draft{}, err
		}
		return Draft{Type: "announcement", Fields: map[string]any{"text": text, "from": from}}, nil
	}}
}

// helperRecipient finds a helper of codelabID as a DM's recipient.
func helperRecipient(ctx context.Context, tx *sql.Tx, codelabID, id string) (model.Person, error) {
	p := model.Person{Role: model.RoleHelper}
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM helpers WHERE id = ? AND codelab_id = ?`, id, codelabID).Scan(&p.ID, &p.Name)
	return p, err
}
