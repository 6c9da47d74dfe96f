package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
)

// MaxFeedbackComment bounds a feedback comment, in characters.
const MaxFeedbackComment = 2000

// ValidateFeedback checks the ranges and trims the comment.
func ValidateFeedback(f *model.Feedback) error {
	bad := func(msg string) error { return &OpError{Kind: ErrInvalid, Code: "invalid_feedback", Message: msg} }
	if f.Satisfaction < 1 || f.Satisfaction > 5 {
		return bad("satisfaction must be a whole number from 1 to 5.")
	}
	if f.Difficulty < 1 || f.Difficulty > 5 {
		return bad("difficulty must be a whole number from 1 (too easy) to 5 (too hard).")
	}
	f.Comment = strings.TrimSpace(f.Comment)
	if !utf8.ValidString(f.Comment) || utf8.RuneCountInString(f.Comment) > MaxFeedbackComment {
		return bad(fmt.Sprintf("A comment can have at most %d characters.", MaxFeedbackComment))
	}
	return nil
}

// FeedbackOp stores (or updates) the attendee's one feedback and logs a
// feedback event for them and the facilitator. *out receives the stored row.
func FeedbackOp(codelabID string, who model.Person, in model.Feedback, out *model.Feedback) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		if err := ValidateFeedback(&in); err != nil {
			return Draft{}, err
		}
		var closed bool
		if err := tx.QueryRowContext(ctx, `SELECT closed FROM codelabs WHERE id = ?`, codelabID).Scan(&closed); err != nil {
			return Draft{}, fmt.Errorf("store: feedback codelab: %w", notFoundIfNoRows(err))
		}
		if closed {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "codelab_closed", Message: "This codelab is closed; feedback can no longer be changed."}
		}
		var created string
		err := tx.QueryRowContext(ctx, `SELECT created_at FROM feedback WHERE attendee_id = ?`, who.ID).Scan(&created)
		updated := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Draft{}, fmt.Errorf("store: feedback: %w", err)
		}
		if !updated {
			created = at
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback (attendee_id, codelab_id, satisfaction, difficulty, comment,
			created_at, updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (attendee_id) DO UPDATE SET
			satisfaction = excluded.satisfaction, difficulty = excluded.difficulty, comment = excluded.comment,
			updated_at = excluded.updated_at`, who.ID, codelabID, in.Satisfaction, in.Difficulty, in.Comment, created, at); err != nil {
			return Draft{}, fmt.Errorf("store: save feedback: %w", notFoundIfFK(err))
		}
		*out = model.Feedback{Satisfaction: in.Satisfaction, Difficulty: in.Difficulty, Comment: in.Comment,
			CreatedAt: parseTime(created), UpdatedAt: parseTime(at)}
		return Draft{Type: "feedback", VisibleTo: Admin.ID, Fields: map[string]any{
			"attendee": who, "satisfaction": in.Satisfaction, "difficulty": in.Difficulty,
			"has_comment": in.Comment != "", "updated": updated,
		}}, nil
	}}
}

// MyFeedback returns the attendee's feedback or nil.
func (s *Store) MyFeedback(ctx context.Context, attendeeID string) (*model.Feedback, error) {
	list, err := s.queryFeedback(ctx, `WHERE f.attendee_id = ?`, attendeeID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	list[0].Attendee = nil
	return &list[0], nil
}

func (s *Store) queryFeedback(ctx context.Context, where string, args ...any) ([]model.Feedback, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.satisfaction, f.difficulty, f.comment, f.created_at, f.updated_at,
		a.id, a.name FROM feedback f JOIN attendees a ON a.id = f.attendee_id `+where+` ORDER BY f.updated_at DESC, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: feedback: %w", err)
	}
	defer rows.Close()
	var out []model.Feedback
	for rows.Next() {
		var f model.Feedback
		var p model.Person
		var c, u string
		if err := rows.Scan(&f.Satisfaction, &f.Difficulty, &f.Comment, &c, &u, &p.ID, &p.Name); err != nil {
			return nil, fmt.Errorf("store: scan feedback: %w", err)
		}
		f.CreatedAt, f.UpdatedAt, f.Attendee = parseTime(c), parseTime(u), &p
		out = append(out, f)
	}
	return out, rows.Err()
}

// GetFeedbackSummary computes averages and distributions; comments carry
// names only when withNames.
func (s *Store) GetFeedbackSummary(ctx context.Context, codelabID string, withNames bool) (*model.FeedbackSummary, error) {
	if err := s.CodelabExists(ctx, codelabID); err != nil {
		return nil, err
	}
	list, err := s.queryFeedback(ctx, `WHERE f.codelab_id = ?`, codelabID)
	if err != nil {
		return nil, err
	}
	sum := &model.FeedbackSummary{Count: len(list), Averages: map[string]any{"satisfaction": nil, "difficulty": nil},
		Distribution: map[string][5]int{}, Comments: []model.FeedbackComment{}}
	var sat, dif [5]int
	var ts, td int
	for _, f := range list {
		sat[f.Satisfaction-1]++
		dif[f.Difficulty-1]++
		ts += f.Satisfaction
		td += f.Difficulty
		if f.Comment != "" {
			c := model.FeedbackComment{Comment: f.Comment, Satisfaction: f.Satisfaction, Difficulty: f.Difficulty, At: f.UpdatedAt}
			if withNames {
				c.Attendee = f.Attendee
			}
			sum.Comments = append(sum.Comments, c)
		}
	}
	sum.Distribution["satisfaction"], sum.Distribution["difficulty"] = sat, dif
	if n := len(list); n > 0 {
		round := func(v float64) float64 { return float64(int(v*100+0.5)) / 100 }
		sum.Averages["satisfaction"] = round(float64(ts) / float64(n))
		sum.Averages["difficulty"] = round(float64(td) / float64(n))
	}
	return sum, nil
}
