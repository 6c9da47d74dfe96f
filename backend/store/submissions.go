package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"

	"github.com/opencodelabs/desktop/backend/model"
)

// MaxSubmissions bounds how many submissions one attendee can hold.
const MaxSubmissions = 50

// SubmissionNameRx matches the names the server gives submitted files
// (32 random base32 characters and a short extension); a row or a restored
// backup naming anything else is refused.
var SubmissionNameRx = regexp.MustCompile(`^[a-z2-7]{32}(\.[a-z0-9]{1,10})?$`)

// AddSubmissionOp records a submission (its file, if any, already written)
// after checking the codelab's rules inside the transaction: not closed,
// not completed, the attendee's file quota and submission count. It logs a
// submission event for the attendee and the facilitator.
func AddSubmissionOp(codelabID string, who model.Person, sub *model.Submission) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		if err := closedOrCompleted(ctx, tx, codelabID, who.ID); err != nil {
			return Draft{}, err
		}
		if sub.Kind == "file" && !SubmissionNameRx.MatchString(sub.FileName) {
			return Draft{}, fmt.Errorf("store: submission file name %q is not one of ours", sub.FileName)
		}
		var count int
		var total, quota int64
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(size), 0),
			(SELECT submission_max_total_bytes FROM codelabs WHERE id = ?) FROM submissions WHERE attendee_id = ?`,
			codelabID, who.ID).Scan(&count, &total, &quota); err != nil {
			return Draft{}, fmt.Errorf("store: submission quota: %w", err)
		}
		if count >= MaxSubmissions {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "too_many_submissions",
				Message: fmt.Sprintf("You can hand in at most %d items; delete one first.", MaxSubmissions)}
		}
		if sub.Kind == "file" && total+sub.Size > quota {
			return Draft{}, &OpError{Kind: ErrTooLarge, Code: "submission_quota_exceeded",
				Message: fmt.Sprintf("Your files together may be at most %s; delete one first.", humanBytes(quota))}
		}
		sub.ID, sub.CreatedAt = NewID(), parseTime(at)
		if _, err := tx.ExecContext(ctx, `INSERT INTO submissions (id, codelab_id, attendee_id, kind, title, url, file_name,
			original_name, content_type, size, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, sub.ID, codelabID, who.ID,
			sub.Kind, sub.Title, sub.URL, sub.FileName, sub.OriginalName, sub.ContentType, sub.Size, at); err != nil {
			return Draft{}, fmt.Errorf("store: insert submission: %w", notFoundIfFK(err))
		}
		return Draft{Type: "submission", VisibleTo: Admin.ID, Fields: map[string]any{
			"attendee": who, "action": "added", "submission": sub,
		}}, nil
	}}
}

// ErrTooLarge marks a refusal for size (HTTP 413).
var ErrTooLarge = errors.New("too large")

func humanBytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// DeleteSubmissionOp removes the attendee's own submission; *out receives
// it so the caller can delete its file after the commit.
func DeleteSubmissionOp(codelabID string, who model.Person, sid string, out *model.Submission) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		list, err := querySubmissions(ctx, tx, `WHERE s.id = ? AND s.codelab_id = ? AND s.attendee_id = ?`, sid, codelabID, who.ID)
		if err != nil {
			return Draft{}, err
		}
		if len(list) == 0 {
			return Draft{}, &OpError{Kind: ErrNotFound, Code: "not_found", Message: "You have no such submission."}
		}
		if err := closedOrCompleted(ctx, tx, codelabID, who.ID); err != nil {
			return Draft{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM submissions WHERE id = ?`, sid); err != nil {
			return Draft{}, fmt.Errorf("store: delete submission: %w", err)
		}
		*out = list[0]
		return Draft{Type: "submission", VisibleTo: Admin.ID, Fields: map[string]any{
			"attendee": who, "action": "deleted", "submission": map[string]string{"id": sid},
		}}, nil
	}}
}

func querySubmissions(ctx context.Context, q queryer, where string, args ...any) ([]model.Submission, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.kind, s.title, s.url, s.file_name, s.original_name, s.content_type,
		s.size, s.created_at, a.id, a.name FROM submissions s JOIN attendees a ON a.id = s.attendee_id `+where+`
		ORDER BY a.created_at, a.id, s.created_at, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: submissions: %w", err)
	}
	defer rows.Close()
	out := []model.Submission{}
	for rows.Next() {
		var s model.Submission
		var p model.Person
		var at string
		if err := rows.Scan(&s.ID, &s.Kind, &s.Title, &s.URL, &s.FileName, &s.OriginalName, &s.ContentType, &s.Size,
			&at, &p.ID, &p.Name); err != nil {
			return nil, fmt.Errorf("store: scan submission: %w", err)
		}
		s.CreatedAt, s.Attendee = parseTime(at), &p
		out = append(out, s)
	}
	return out, rows.Err()
}

// ListSubmissions returns a codelab's submissions grouped by attendee in
// roster order; attendeeID limits them to one attendee.
func (s *Store) ListSubmissions(ctx context.Context, codelabID, attendeeID string) ([]model.Submission, error) {
	if attendeeID != "" {
		return querySubmissions(ctx, s.read, `WHERE s.codelab_id = ? AND s.attendee_id = ?`, codelabID, attendeeID)
	}
	return querySubmissions(ctx, s.read, `WHERE s.codelab_id = ?`, codelabID)
}

// GetSubmission returns one submission of the codelab with its owner.
func (s *Store) GetSubmission(ctx context.Context, codelabID, sid string) (*model.Submission, error) {
	list, err := querySubmissions(ctx, s.read, `WHERE s.id = ? AND s.codelab_id = ?`, sid, codelabID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("store: submission %q: %w", sid, ErrNotFound)
	}
	return &list[0], nil
}

// SubmissionFileNames lists every stored submission file name (for
// restore checks and orphan cleanup).
func SubmissionFileNames(ctx context.Context, db *sql.DB) ([]string, error) {
	// Archived sessions keep their submitted files (sessions.go, roomOf).
	rows, err := db.QueryContext(ctx, `SELECT file_name FROM submissions WHERE kind = 'file'
		UNION SELECT json_extract(s.value, '$.file_name') FROM sessions, json_each(sessions.archive, '$.results.submissions') s
		WHERE sessions.archive IS NOT NULL AND json_extract(s.value, '$.kind') = 'file'`)
	if err != nil {
		return nil, fmt.Errorf("store: submission names: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
