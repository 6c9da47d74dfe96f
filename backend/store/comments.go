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

// Bounds of a comment's quote (runes). A quote is a sentence or two, not a
// copy of the step; the context only has to tell repeated quotes apart.
const (
	MaxQuoteRunes        = 500
	MaxQuoteContextRunes = 64
	// MaxThreadsPerAttendee bounds one attendee's threads in a codelab.
	MaxThreadsPerAttendee = 200
)

// commentEventTypes are the logged frames about a thread; each carries its
// thread_id, so their audience can follow the sharing mode (syncCommentAudienceTx).
const commentEventTypes = `'comment_thread', 'comment_reply', 'comment_status'`

// ErrForbidden marks a refusal of something the actor may not do here.
var ErrForbidden = errors.New("forbidden")

// opError builds a refusal; the code comes first so backend/api/codes_test.go finds it.
func opError(code string, kind error, msg string) error {
	return &OpError{Kind: kind, Code: code, Message: msg}
}

// validateQuote checks a selector: exact non-blank and bounded, context bounded.
func validateQuote(q model.TextQuote) error {
	for _, s := range []string{q.Exact, q.Prefix, q.Suffix} {
		if !utf8.ValidString(s) {
			return opError("invalid_quote", ErrInvalid, "The quote is not valid text.")
		}
	}
	switch {
	case strings.TrimSpace(q.Exact) == "":
		return opError("empty_quote", ErrInvalid, "Select some text of the step to comment on.")
	case utf8.RuneCountInString(q.Exact) > MaxQuoteRunes:
		return opError("quote_too_long", ErrInvalid, fmt.Sprintf("A comment can quote at most %d characters; select less text.", MaxQuoteRunes))
	case utf8.RuneCountInString(q.Prefix) > MaxQuoteContextRunes || utf8.RuneCountInString(q.Suffix) > MaxQuoteContextRunes:
		return opError("invalid_quote", ErrInvalid, fmt.Sprintf("The quote's prefix and suffix can have at most %d characters each.", MaxQuoteContextRunes))
	}
	return nil
}

// commentSharing reads a codelab's sharing mode (no row: private).
func commentSharing(ctx context.Context, q querier, codelabID string) (string, error) {
	var mode string
	err := q.QueryRowContext(ctx, `SELECT sharing FROM comment_settings WHERE codelab_id = ?`, codelabID).Scan(&mode)
	if errors.Is(err, sql.ErrNoRows) {
		return model.CommentsPrivate, nil
	}
	if err != nil {
		return "", fmt.Errorf("store: comment sharing: %w", err)
	}
	return mode, nil
}

// threadAudience is the visible_to of a thread's events: everyone when the
// codelab shares comments and the author is still in the room, else the
// author (who, with the event's actor and the facilitator, sees it).
func threadAudience(ctx context.Context, tx *sql.Tx, codelabID, authorID string) (string, error) {
	mode, err := commentSharing(ctx, tx, codelabID)
	if err != nil || mode == model.CommentsPrivate {
		return authorID, err
	}
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM attendees WHERE id = ?`, authorID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return Admin.ID, nil
	}
	if err != nil {
		return "", fmt.Errorf("store: comment author: %w", err)
	}
	return "", nil
}

// syncCommentAudienceTx sets the audience of every logged comment event of
// a codelab from the current sharing mode and room, so a replay shows an
// attendee exactly the threads GET .../comments lists for them.
func syncCommentAudienceTx(ctx context.Context, tx *sql.Tx, codelabID string) error {
	mode, err := commentSharing(ctx, tx, codelabID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET visible_to = CASE
			WHEN NOT EXISTS (SELECT 1 FROM attendees a WHERE a.id = t.author_id) THEN 'admin'
			WHEN ? THEN NULL ELSE t.author_id END
		FROM comment_threads t
		WHERE events.codelab_id = ? AND events.type IN (`+commentEventTypes+`)
			AND t.id = json_extract(events.body, '$.thread_id')`, mode != model.CommentsPrivate, codelabID)
	if err != nil {
		return fmt.Errorf("store: comment audience: %w", err)
	}
	return nil
}

// commentsForgetAttendeeTx runs when an attendee is removed: their name in
// comment threads and messages becomes RemovedName, and their threads
// become facilitator-only.
func commentsForgetAttendeeTx(ctx context.Context, tx *sql.Tx, codelabID, attendeeID string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE comment_threads SET author_name = ? WHERE codelab_id = ? AND author_id = ?`,
		RemovedName, codelabID, attendeeID); err != nil {
		return fmt.Errorf("store: relabel comments: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE comment_messages SET author_name = ? WHERE author_id = ?
		AND thread_id IN (SELECT id FROM comment_threads WHERE codelab_id = ?)`, RemovedName, attendeeID, codelabID); err != nil {
		return fmt.Errorf("store: relabel comment messages: %w", err)
	}
	return syncCommentAudienceTx(ctx, tx, codelabID)
}

// NewCommentOp opens a thread: an attendee's comment on a quote of step.
// On success *out is the new thread.
func NewCommentOp(codelabID string, who model.Person, cid string, step int, quote model.TextQuote, text string, out *model.CommentThread) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		if who.ID == Admin.ID {
			return Draft{}, opError("forbidden", ErrForbidden, "Only attendees start comment threads; reply to one instead.")
		}
		text, err := ValidateText(text)
		if err != nil {
			return Draft{}, err
		}
		if err := validateQuote(quote); err != nil {
			return Draft{}, err
		}
		var steps int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM steps WHERE codelab_id = ? AND hidden = 0`, codelabID).Scan(&steps); err != nil {
			return Draft{}, fmt.Errorf("store: comment steps: %w", err)
		}
		if step < 1 || step > steps {
			return Draft{}, opError("step_not_found", ErrNotFound, fmt.Sprintf("Step %d does not exist.", step))
		}
		var mine int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM comment_threads WHERE codelab_id = ? AND author_id = ?`,
			codelabID, who.ID).Scan(&mine); err != nil {
			return Draft{}, fmt.Errorf("store: count comments: %w", err)
		}
		if mine >= MaxThreadsPerAttendee {
			return Draft{}, opError("too_many_comments", ErrConflict, fmt.Sprintf("You can start at most %d comment threads in a codelab.", MaxThreadsPerAttendee))
		}
		audience, err := threadAudience(ctx, tx, codelabID, who.ID)
		if err != nil {
			return Draft{}, err
		}
		t := model.CommentThread{ID: NewID(), Step: step, Quote: quote, Author: who, Status: model.ThreadOpen,
			CreatedAt: parseTime(at), Messages: []model.CommentMessage{{ID: NewID(), From: who, Text: text, At: parseTime(at)}}}
		if _, err := tx.ExecContext(ctx, `INSERT INTO comment_threads (id, codelab_id, step, author_id, author_name, exact, prefix, suffix, created_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, t.ID, codelabID, step, who.ID, who.Name, quote.Exact, quote.Prefix, quote.Suffix, at); err != nil {
			return Draft{}, fmt.Errorf("store: insert comment thread: %w", notFoundIfFK(err))
		}
		if err := insertCommentMessage(ctx, tx, t.ID, t.Messages[0], at); err != nil {
			return Draft{}, err
		}
		if out != nil {
			*out = t
		}
		return Draft{Type: "comment_thread", VisibleTo: audience, Fields: map[string]any{
			"thread_id": t.ID, "step": step, "quote": quote, "message_id": t.Messages[0].ID, "text": text, "from": who,
		}}, nil
	}}
}

func insertCommentMessage(ctx context.Context, tx *sql.Tx, threadID string, m model.CommentMessage, at string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO comment_messages (id, thread_id, author_id, author_name, text, created_at)
		VALUES (?,?,?,?,?,?)`, m.ID, threadID, m.From.ID, m.From.Name, m.Text, at); err != nil {
		return fmt.Errorf("store: insert comment message: %w", err)
	}
	return nil
}

type threadRow struct {
	step     int
	authorID string
	status   string
}

// findThread reads a thread of codelabID; another codelab's thread is not found.
func findThread(ctx context.Context, tx *sql.Tx, codelabID, threadID string) (threadRow, error) {
	var t threadRow
	err := tx.QueryRowContext(ctx, `SELECT step, author_id, status FROM comment_threads WHERE id = ? AND codelab_id = ?`,
		threadID, codelabID).Scan(&t.step, &t.authorID, &t.status)
	if errors.Is(err, sql.ErrNoRows) {
		return t, opError("thread_not_found", ErrNotFound, "There is no such comment thread in this codelab.")
	}
	if err != nil {
		return t, fmt.Errorf("store: find thread: %w", err)
	}
	return t, nil
}

// ReplyCommentOp adds by's reply to a thread. The facilitator and the
// thread's author may always reply; another attendee only when the codelab
// shares comments with replies. A resolved thread takes no replies.
func ReplyCommentOp(codelabID string, by model.Person, cid, threadID, text string, out *model.CommentMessage) Op {
	return Op{CodelabID: codelabID, ActorID: by.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		text, err := ValidateText(text)
		if err != nil {
			return Draft{}, err
		}
		t, err := findThread(ctx, tx, codelabID, threadID)
		if err != nil {
			return Draft{}, err
		}
		if by.ID != Admin.ID && by.ID != t.authorID {
			audience, err := threadAudience(ctx, tx, codelabID, t.authorID)
			if err != nil {
				return Draft{}, err
			}
			if audience != "" { // this attendee cannot see the thread at all
				return Draft{}, opError("thread_not_found", ErrNotFound, "There is no such comment thread in this codelab.")
			}
			if mode, err := commentSharing(ctx, tx, codelabID); err != nil {
				return Draft{}, err
			} else if mode != model.CommentsReply {
				return Draft{}, opError("replies_not_allowed", ErrForbidden, "Only the facilitator and the comment's author can reply in this codelab.")
			}
		}
		if t.status == model.ThreadResolved {
			return Draft{}, opError("thread_resolved", ErrConflict, "This thread is resolved; it takes no more replies.")
		}
		audience, err := threadAudience(ctx, tx, codelabID, t.authorID)
		if err != nil {
			return Draft{}, err
		}
		m := model.CommentMessage{ID: NewID(), From: by, Text: text, At: parseTime(at)}
		if err := insertCommentMessage(ctx, tx, threadID, m, at); err != nil {
			return Draft{}, err
		}
		if out != nil {
			*out = m
		}
		return Draft{Type: "comment_reply", VisibleTo: audience, Fields: map[string]any{
			"thread_id": threadID, "step": t.step, "message_id": m.ID, "text": text, "from": by,
		}}, nil
	}}
}

// CommentStatusOp is the facilitator resolving (or reopening) a thread.
func CommentStatusOp(codelabID, threadID, status string) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		t, err := findThread(ctx, tx, codelabID, threadID)
		if err != nil {
			return Draft{}, err
		}
		if t.status == status && status == model.ThreadResolved {
			return Draft{}, opError("thread_already_resolved", ErrConflict, "The thread is already resolved.")
		}
		if t.status == status {
			return Draft{}, opError("thread_already_open", ErrConflict, "The thread is already open.")
		}
		var resolvedAt any
		if status == model.ThreadResolved {
			resolvedAt = at
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comment_threads SET status = ?, resolved_at = ? WHERE id = ?`,
			status, resolvedAt, threadID); err != nil {
			return Draft{}, fmt.Errorf("store: thread status: %w", err)
		}
		audience, err := threadAudience(ctx, tx, codelabID, t.authorID)
		if err != nil {
			return Draft{}, err
		}
		return Draft{Type: "comment_status", VisibleTo: audience, Fields: map[string]any{
			"thread_id": threadID, "step": t.step, "status": status, "by": Admin,
		}}, nil
	}}
}

// CommentSharingOp sets a codelab's sharing mode, re-targets every logged
// comment event to match, and tells everyone (comment_sharing) so clients
// reload the threads they may now see or no longer see.
func CommentSharingOp(codelabID, mode string) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		switch mode {
		case model.CommentsPrivate, model.CommentsRead, model.CommentsReply:
		default:
			return Draft{}, opError("invalid_sharing", ErrInvalid, "sharing must be private, read or reply.")
		}
		if err := codelabExistsTx(ctx, tx, codelabID); err != nil {
			return Draft{}, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO comment_settings (codelab_id, sharing) VALUES (?, ?)
			ON CONFLICT (codelab_id) DO UPDATE SET sharing = excluded.sharing`, codelabID, mode); err != nil {
			return Draft{}, fmt.Errorf("store: set comment sharing: %w", err)
		}
		if err := syncCommentAudienceTx(ctx, tx, codelabID); err != nil {
			return Draft{}, err
		}
		return Draft{Type: "comment_sharing", Fields: map[string]any{"sharing": mode}}, nil
	}}
}
