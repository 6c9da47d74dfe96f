package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
)

// Poll bounds (docs/api.md, "Live polls").
const (
	MinPollOptions       = 2
	MaxPollOptions       = 10
	MaxPollQuestionRunes = 300
	MaxPollOptionRunes   = 120
)

// Poll actions, the "action" of a poll frame.
const (
	PollStarted       = "started"
	PollClosedAction  = "closed"
	PollReopened      = "reopened"
	PollResultsShown  = "results_shown"
	PollResultsHidden = "results_hidden"
)

// ValidatePoll trims a poll's question and options and checks them: a
// question of 1-300 characters, 2-10 options of 1-120 characters each,
// no two the same (ignoring case and surrounding spaces), no control
// characters. It returns the cleaned values.
func ValidatePoll(question string, options []string) (string, []string, error) {
	question = strings.TrimSpace(question)
	if question == "" {
		return "", nil, &OpError{Kind: ErrInvalid, Code: "empty_question", Message: "The poll needs a question."}
	}
	if utf8.RuneCountInString(question) > MaxPollQuestionRunes || !utf8.ValidString(question) {
		return "", nil, &OpError{Kind: ErrInvalid, Code: "invalid_question", Message: fmt.Sprintf("A poll question can have at most %d characters.", MaxPollQuestionRunes)}
	}
	if strings.IndexFunc(question, isControlNotSpace) >= 0 {
		return "", nil, &OpError{Kind: ErrInvalid, Code: "invalid_question", Message: "A poll question cannot contain control characters."}
	}
	if len(options) < MinPollOptions {
		return "", nil, &OpError{Kind: ErrInvalid, Code: "too_few_options", Message: fmt.Sprintf("A poll needs at least %d options.", MinPollOptions)}
	}
	if len(options) > MaxPollOptions {
		return "", nil, &OpError{Kind: ErrInvalid, Code: "too_many_options", Message: fmt.Sprintf("A poll can have at most %d options.", MaxPollOptions)}
	}
	out := make([]string, len(options))
	seen := map[string]int{}
	for i, o := range options {
		o = strings.TrimSpace(o)
		switch {
		case o == "":
			return "", nil, &OpError{Kind: ErrInvalid, Code: "empty_option", Message: fmt.Sprintf("Option %d is empty.", i+1)}
		case utf8.RuneCountInString(o) > MaxPollOptionRunes || !utf8.ValidString(o):
			return "", nil, &OpError{Kind: ErrInvalid, Code: "invalid_option_text", Message: fmt.Sprintf("Option %d is longer than %d characters.", i+1, MaxPollOptionRunes)}
		case strings.IndexFunc(o, unicode.IsControl) >= 0:
			return "", nil, &OpError{Kind: ErrInvalid, Code: "invalid_option_text", Message: fmt.Sprintf("Option %d contains control characters.", i+1)}
		}
		key := strings.ToLower(o)
		if j, dup := seen[key]; dup {
			return "", nil, &OpError{Kind: ErrInvalid, Code: "duplicate_option", Message: fmt.Sprintf("Options %d and %d are the same.", j+1, i+1)}
		}
		seen[key] = i
		out[i] = o
	}
	return question, out, nil
}

func isControlNotSpace(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

const pollColumns = `id, codelab_id, COALESCE(prepared_id, ''), question, options, status, results_shown, started_at, closed_at`

func scanPoll(row rowScanner) (model.LivePoll, error) {
	var p model.LivePoll
	var opts, started string
	var closed sql.NullString
	if err := row.Scan(&p.ID, &p.CodelabID, &p.PreparedID, &p.Question, &opts, &p.Status, &p.ResultsShown, &started, &closed); err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(opts), &p.Options); err != nil || p.Options == nil {
		p.Options = []string{}
	}
	p.StartedAt = parseTime(started)
	if closed.Valid {
		t := parseTime(closed.String)
		p.ClosedAt = &t
	}
	return p, nil
}

// pollOf reads one poll of a codelab; another codelab's poll is not found.
func pollOf(ctx context.Context, q querier, codelabID, pollID string) (model.LivePoll, error) {
	p, err := scanPoll(q.QueryRowContext(ctx, `SELECT `+pollColumns+` FROM polls WHERE id = ? AND codelab_id = ?`, pollID, codelabID))
	if errors.Is(err, sql.ErrNoRows) {
		return p, &OpError{Kind: ErrNotFound, Code: "poll_not_found", Message: "There is no such poll in this codelab."}
	}
	if err != nil {
		return p, fmt.Errorf("store: poll: %w", err)
	}
	return p, nil
}

// pollResults counts a poll's answers per option.
func pollResults(ctx context.Context, q querier, p model.LivePoll) (model.PollResults, error) {
	res := model.PollResults{Counts: make([]int, len(p.Options))}
	rows, err := q.QueryContext(ctx, `SELECT option, COUNT(*) FROM poll_answers WHERE poll_id = ? GROUP BY option`, p.ID)
	if err != nil {
		return res, fmt.Errorf("store: poll results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var opt, n int
		if err := rows.Scan(&opt, &n); err != nil {
			return res, fmt.Errorf("store: scan poll results: %w", err)
		}
		if opt >= 0 && opt < len(res.Counts) {
			res.Counts[opt] = n
			res.Total += n
		}
	}
	return res, rows.Err()
}

// openPoll returns the id of the codelab's open poll other than except, or "".
func openPoll(ctx context.Context, tx *sql.Tx, codelabID, except string) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM polls WHERE codelab_id = ? AND status = 'open' AND id != ? LIMIT 1`,
		codelabID, except).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: open poll: %w", err)
	}
	return id, nil
}

var errPollAlreadyOpen = &OpError{Kind: ErrConflict, Code: "poll_already_open",
	Message: "Another poll is open. Close it before starting or re-opening one."}

// pollDraft is the poll frame everyone in the codelab receives; it carries
// the results only while the facilitator shows them to the room.
func pollDraft(ctx context.Context, tx *sql.Tx, p model.LivePoll, action string) (Draft, error) {
	fields := map[string]any{"action": action, "poll": p}
	if p.ResultsShown {
		res, err := pollResults(ctx, tx, p)
		if err != nil {
			return Draft{}, err
		}
		fields["results"] = res
	}
	return Draft{Type: "poll", Fields: fields}, nil
}

func auditPollTx(ctx context.Context, tx *sql.Tx, at, action string, p model.LivePoll) error {
	return RecordAuditTx(ctx, tx, model.AuditEntry{At: parseTime(at), ActorKind: ActorFacilitator, ActorID: Admin.ID,
		ActorName: Admin.Name, Action: action, CodelabID: p.CodelabID, TargetKind: "poll", TargetID: p.ID,
		Detail: AuditDetail(map[string]any{"options": len(p.Options), "prepared": p.PreparedID != ""})})
}

// StartPollOp opens a new poll in the codelab: question and options as
// given, or, with preparedID, those of that prepared poll of the codelab.
// Only one poll is open at a time. On success *out is the poll.
func StartPollOp(codelabID, question string, options []string, preparedID string, out *model.LivePoll) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		if err := codelabExistsTx(ctx, tx, codelabID); err != nil {
			return Draft{}, err
		}
		if preparedID != "" {
			var opts string
			err := tx.QueryRowContext(ctx, `SELECT question, options FROM codelab_polls WHERE id = ? AND codelab_id = ?`,
				preparedID, codelabID).Scan(&question, &opts)
			if errors.Is(err, sql.ErrNoRows) {
				return Draft{}, &OpError{Kind: ErrNotFound, Code: "prepared_poll_not_found", Message: "There is no such prepared poll in this codelab."}
			}
			if err != nil {
				return Draft{}, fmt.Errorf("store: prepared poll: %w", err)
			}
			options = nil
			_ = json.Unmarshal([]byte(opts), &options)
		}
		q, opts, err := ValidatePoll(question, options)
		if err != nil {
			return Draft{}, err
		}
		if open, err := openPoll(ctx, tx, codelabID, ""); err != nil {
			return Draft{}, err
		} else if open != "" {
			return Draft{}, errPollAlreadyOpen
		}
		p := model.LivePoll{ID: NewID(), CodelabID: codelabID, PreparedID: preparedID, Question: q, Options: opts,
			Status: model.PollOpen, StartedAt: parseTime(at)}
		oj, _ := json.Marshal(opts)
		if _, err := tx.ExecContext(ctx, `INSERT INTO polls (id, codelab_id, prepared_id, question, options, status, started_at)
			VALUES (?,?,?,?,?,'open',?)`, p.ID, codelabID, nullIfEmpty(preparedID), q, string(oj), at); err != nil {
			return Draft{}, fmt.Errorf("store: insert poll: %w", err)
		}
		if err := auditPollTx(ctx, tx, at, "poll.start", p); err != nil {
			return Draft{}, err
		}
		*out = p
		return pollDraft(ctx, tx, p, PollStarted)
	}}
}

// SetPollOp applies a facilitator's action to a poll: PollClosedAction,
// PollReopened, PollResultsShown or PollResultsHidden. Closing a closed
// poll or re-opening an open one is a conflict; showing or hiding results
// twice is harmless. On success *out is the poll with its results.
func SetPollOp(codelabID, pollID, action string, out *model.LivePollView) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		p, err := pollOf(ctx, tx, codelabID, pollID)
		if err != nil {
			return Draft{}, err
		}
		var audit string
		switch action {
		case PollClosedAction:
			if p.Status != model.PollOpen {
				return Draft{}, &OpError{Kind: ErrConflict, Code: "poll_closed", Message: "This poll is already closed."}
			}
			_, err = tx.ExecContext(ctx, `UPDATE polls SET status = 'closed', closed_at = ? WHERE id = ?`, at, p.ID)
			t := parseTime(at)
			p.Status, p.ClosedAt, audit = model.PollClosed, &t, "poll.close"
		case PollReopened:
			if p.Status == model.PollOpen {
				return Draft{}, &OpError{Kind: ErrConflict, Code: "poll_already_open", Message: "This poll is already open."}
			}
			if open, err := openPoll(ctx, tx, codelabID, p.ID); err != nil {
				return Draft{}, err
			} else if open != "" {
				return Draft{}, errPollAlreadyOpen
			}
			_, err = tx.ExecContext(ctx, `UPDATE polls SET status = 'open', closed_at = NULL WHERE id = ?`, p.ID)
			p.Status, p.ClosedAt, audit = model.PollOpen, nil, "poll.reopen"
		case PollResultsShown, PollResultsHidden:
			p.ResultsShown = action == PollResultsShown
			_, err = tx.ExecContext(ctx, `UPDATE polls SET results_shown = ? WHERE id = ?`, p.ResultsShown, p.ID)
		default:
			return Draft{}, &OpError{Kind: ErrInvalid, Code: "invalid_field", Message: fmt.Sprintf("Unknown poll action %q.", action)}
		}
		if err != nil {
			return Draft{}, fmt.Errorf("store: update poll: %w", err)
		}
		if audit != "" {
			if err := auditPollTx(ctx, tx, at, audit, p); err != nil {
				return Draft{}, err
			}
		}
		res, err := pollResults(ctx, tx, p)
		if err != nil {
			return Draft{}, err
		}
		*out = model.LivePollView{LivePoll: p, Results: &res}
		return pollDraft(ctx, tx, p, action)
	}}
}

// AnswerPollOp records who's answer (a 0-based option) to an open poll of
// their codelab. An attendee has one answer per poll: answering again
// while the poll is open replaces it. The event goes to that attendee (all
// their devices) and the facilitator; counts are never taken from it but
// recomputed by the server (PollResults).
func AnswerPollOp(codelabID string, who model.Person, cid, pollID string, option int) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		p, err := pollOf(ctx, tx, codelabID, pollID)
		if err != nil {
			return Draft{}, err
		}
		if p.Status != model.PollOpen {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "poll_closed", Message: "This poll is closed: answers are no longer taken."}
		}
		if option < 0 || option >= len(p.Options) {
			return Draft{}, &OpError{Kind: ErrInvalid, Code: "invalid_option", Message: fmt.Sprintf("Choose one of the poll's %d options.", len(p.Options))}
		}
		var prev sql.NullInt64
		err = tx.QueryRowContext(ctx, `SELECT option FROM poll_answers WHERE poll_id = ? AND attendee_id = ?`, p.ID, who.ID).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Draft{}, fmt.Errorf("store: previous answer: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO poll_answers (poll_id, attendee_id, option, answered_at)
			SELECT ?, id, ?, ? FROM attendees WHERE id = ? AND codelab_id = ?
			ON CONFLICT (poll_id, attendee_id) DO UPDATE SET option = excluded.option, answered_at = excluded.answered_at`,
			p.ID, option, at, who.ID, codelabID); err != nil {
			return Draft{}, fmt.Errorf("store: answer poll: %w", err)
		}
		var stored int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM poll_answers WHERE poll_id = ? AND attendee_id = ?`, p.ID, who.ID).Scan(&stored); err != nil {
			return Draft{}, fmt.Errorf("store: check answer: %w", err)
		}
		if stored == 0 {
			return Draft{}, &OpError{Kind: ErrNotFound, Code: "attendee_not_found", Message: "Only attendees of this codelab can answer its polls."}
		}
		fields := map[string]any{"poll_id": p.ID, "attendee": who, "option": option, "previous": nil}
		if prev.Valid {
			fields["previous"] = prev.Int64
		}
		return Draft{Type: "poll_answer", VisibleTo: who.ID, Fields: fields}, nil
	}}
}

// PollResults counts a poll's answers as committed now.
func (s *Store) PollResults(ctx context.Context, codelabID, pollID string) (model.LivePoll, model.PollResults, error) {
	p, err := pollOf(ctx, s.read, codelabID, pollID)
	if err != nil {
		return p, model.PollResults{}, err
	}
	res, err := pollResults(ctx, s.read, p)
	return p, res, err
}

// Polls lists the codelab's polls of the current session, newest first.
// The facilitator (attendeeID "") gets every poll's results; an attendee
// gets their own answer and the results of polls whose results are shown.
func (s *Store) Polls(ctx context.Context, codelabID, attendeeID string) ([]model.LivePollView, error) {
	if err := s.CodelabExists(ctx, codelabID); err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+pollColumns+` FROM polls WHERE codelab_id = ? ORDER BY started_at DESC, id`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: polls: %w", err)
	}
	var polls []model.LivePoll
	for rows.Next() {
		p, err := scanPoll(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan poll: %w", err)
		}
		polls = append(polls, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]model.LivePollView, 0, len(polls))
	for _, p := range polls {
		v := model.LivePollView{LivePoll: p}
		if attendeeID == "" || p.ResultsShown {
			res, err := pollResults(ctx, s.read, p)
			if err != nil {
				return nil, err
			}
			v.Results = &res
		}
		if attendeeID != "" {
			var opt int
			err := s.read.QueryRowContext(ctx, `SELECT option FROM poll_answers WHERE poll_id = ? AND attendee_id = ?`, p.ID, attendeeID).Scan(&opt)
			if err == nil {
				v.MyAnswer = &opt
			} else if !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("store: my answer: %w", err)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// clearPollsTx removes the codelab's live polls when a new session starts
// (their answers are in the archive, sessionResultsQuery).
func clearPollsTx(ctx context.Context, tx *sql.Tx, codelabID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM polls WHERE codelab_id = ?`, codelabID); err != nil {
		return fmt.Errorf("store: clear polls: %w", err)
	}
	return nil
}
