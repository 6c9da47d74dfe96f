package store

import (
	"context"
	"fmt"

	"github.com/opencodelabs/desktop/backend/model"
)

// CommentSharing returns a codelab's comment sharing mode.
func (s *Store) CommentSharing(ctx context.Context, codelabID string) (string, error) {
	return commentSharing(ctx, s.read, codelabID)
}

// CommentFilter narrows ListComments; zero values match everything.
type CommentFilter struct {
	Status string // model.ThreadOpen or model.ThreadResolved
	Step   int
}

// ListComments returns the threads of a codelab that v may see, oldest
// first, with their messages: the facilitator sees all of them (also those
// of removed attendees and past sessions); an attendee sees their own and,
// when the codelab shares comments, those of attendees still in the room.
func (s *Store) ListComments(ctx context.Context, codelabID string, v Viewer, f CommentFilter) ([]model.CommentThread, error) {
	shared := false
	if !v.Admin {
		mode, err := s.CommentSharing(ctx, codelabID)
		if err != nil {
			return nil, err
		}
		shared = mode != model.CommentsPrivate
	}
	q := `SELECT id, step, author_id, author_name, exact, prefix, suffix, status, created_at, COALESCE(resolved_at, '')
		FROM comment_threads t WHERE codelab_id = ?
		AND (? OR author_id = ? OR (? AND EXISTS (SELECT 1 FROM attendees a WHERE a.id = t.author_id)))`
	args := []any{codelabID, v.Admin, v.ID, shared}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, f.Status)
	}
	if f.Step > 0 {
		q += ` AND step = ?`
		args = append(args, f.Step)
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list comments: %w", err)
	}
	out := []model.CommentThread{}
	index := map[string]int{}
	for rows.Next() {
		var t model.CommentThread
		var created, resolved string
		if err := rows.Scan(&t.ID, &t.Step, &t.Author.ID, &t.Author.Name, &t.Quote.Exact, &t.Quote.Prefix, &t.Quote.Suffix,
			&t.Status, &created, &resolved); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan comment: %w", err)
		}
		t.CreatedAt = parseTime(created)
		if resolved != "" {
			r := parseTime(resolved)
			t.ResolvedAt = &r
		}
		t.Messages = []model.CommentMessage{}
		index[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list comments: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	mrows, err := s.read.QueryContext(ctx, `SELECT m.thread_id, m.id, m.author_id, m.author_name, m.text, m.created_at
		FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
		WHERE t.codelab_id = ? ORDER BY m.created_at, m.rowid`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: list comment messages: %w", err)
	}
	defer mrows.Close()
	for mrows.Next() {
		var tid, at string
		var m model.CommentMessage
		if err := mrows.Scan(&tid, &m.ID, &m.From.ID, &m.From.Name, &m.Text, &at); err != nil {
			return nil, fmt.Errorf("store: scan comment message: %w", err)
		}
		if i, ok := index[tid]; ok {
			m.At = parseTime(at)
			out[i].Messages = append(out[i].Messages, m)
		}
	}
	return out, mrows.Err()
}
