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

// RemovedName is the name a removed attendee's kept messages show
// everywhere: live, in replays and in the facilitator's history.
const RemovedName = "removed attendee"

// CurrentSessionID names the current session of a codelab that never
// started one (it has no row yet); it also works for one that has.
const CurrentSessionID = "current"

// MaxSessionTitleRunes bounds a session title.
const MaxSessionTitleRunes = 100

// querier is what both the read pool and a write transaction offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// RemoveAttendeeOp removes an attendee from a codelab: their tokens and help
// requests go with them (ON DELETE CASCADE), their name in every logged
// frame becomes RemovedName, and with deleteChat their chat and DMs (sent
// or received) become tombstones. A tombstone keeps its seq, so the log's
// numbering never goes back and replays stay exactly-once. The event
// (attendee_removed) tells every client to relabel or drop those messages.
func RemoveAttendeeOp(codelabID, attendeeID string, deleteChat bool) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		res, err := tx.ExecContext(ctx, `DELETE FROM attendees WHERE id = ? AND codelab_id = ?`, attendeeID, codelabID)
		if err != nil {
			return Draft{}, fmt.Errorf("store: remove attendee: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Draft{}, &OpError{Kind: ErrNotFound, Code: "attendee_not_found", Message: "There is no such attendee in this codelab."}
		}
		for _, field := range []string{"from", "to", "attendee"} {
			if _, err := tx.ExecContext(ctx, `UPDATE events SET body = json_set(body, '$.`+field+`.name', ?)
				WHERE codelab_id = ? AND json_extract(body, '$.`+field+`.id') = ?`, RemovedName, codelabID, attendeeID); err != nil {
				return Draft{}, fmt.Errorf("store: relabel events: %w", err)
			}
		}
		mode := "keep"
		if deleteChat {
			mode = "delete"
			if err := tombstone(ctx, tx, `codelab_id = ? AND type IN ('chat', 'dm') AND (actor_id = ? OR visible_to = ?)`,
				codelabID, attendeeID, attendeeID); err != nil {
				return Draft{}, err
			}
		}
		return Draft{Type: "attendee_removed", Fields: map[string]any{
			"attendee": model.Person{ID: attendeeID, Name: RemovedName}, "chat": mode,
		}}, nil
	}}
}

// tombstone blanks the matching events: type "deleted", facilitator-only,
// body without text. Their seqs stay taken.
func tombstone(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	if _, err := tx.ExecContext(ctx, `UPDATE events SET type = 'deleted', visible_to = 'admin',
		body = json_object('type', 'deleted', 'seq', seq, 'at', created_at) WHERE `+where, args...); err != nil {
		return fmt.Errorf("store: delete events: %w", err)
	}
	return nil
}

// cleanTitle trims a session title and checks it.
func cleanTitle(title string) (string, error) {
	title = CleanName(title)
	if !utf8.ValidString(title) || utf8.RuneCountInString(title) > MaxSessionTitleRunes {
		return "", &OpError{Kind: ErrInvalid, Code: "invalid_title", Message: fmt.Sprintf("A session title can have at most %d characters.", MaxSessionTitleRunes)}
	}
	if strings.IndexFunc(title, unicode.IsControl) >= 0 {
		return "", &OpError{Kind: ErrInvalid, Code: "invalid_title", Message: "A session title cannot contain control characters."}
	}
	return title, nil
}

func defaultTitle(at string) string {
	return "Session of " + parseTime(at).Format("2006-01-02 15:04") + " UTC"
}

// StartSessionOp archives the codelab's current session (attendees with
// progress, help requests, messages) into its sessions row and opens an
// empty one titled title (empty: dated). The live tables are emptied:
// attendees (with their tokens and help requests) are deleted, and every
// event but the last is deleted while the last becomes a tombstone, so the
// session_started event takes the next seq and the numbering never goes
// back. On success *out is the new session.
func StartSessionOp(codelabID, title string, out *model.Session) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		title, err := cleanTitle(title)
		if err != nil {
			return Draft{}, err
		}
		if err := codelabExistsTx(ctx, tx, codelabID); err != nil {
			return Draft{}, err
		}
		old, err := currentSession(ctx, tx, codelabID)
		if err != nil {
			return Draft{}, err
		}
		if old.ID == CurrentSessionID {
			old.ID, old.Title = NewID(), defaultTitle(old.StartedAt.Format(timeLayout))
			if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, codelab_id, title, started_at) VALUES (?,?,?,?)`,
				old.ID, codelabID, old.Title, old.StartedAt.Format(timeLayout)); err != nil {
				return Draft{}, fmt.Errorf("store: insert session: %w", err)
			}
		}
		room, err := roomOf(ctx, tx, old)
		if err != nil {
			return Draft{}, err
		}
		end := parseTime(at)
		room.EndedAt, room.Current = &end, false
		archive, err := json.Marshal(room)
		if err != nil {
			return Draft{}, fmt.Errorf("store: encode archive: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET ended_at = ?, attendee_count = ?, chat_count = ?,
			help_count = ?, archive = ? WHERE id = ?`, at, room.AttendeeCount, room.ChatCount, room.HelpCount,
			string(archive), old.ID); err != nil {
			return Draft{}, fmt.Errorf("store: archive session: %w", err)
		}
		if title == "" {
			title = defaultTitle(at)
		}
		s := model.Session{ID: NewID(), CodelabID: codelabID, Title: title, StartedAt: parseTime(at), Current: true}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, codelab_id, title, started_at) VALUES (?,?,?,?)`,
			s.ID, codelabID, title, at); err != nil {
			return Draft{}, fmt.Errorf("store: insert session: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM attendees WHERE codelab_id = ?`, codelabID); err != nil {
			return Draft{}, fmt.Errorf("store: clear attendees: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM help_requests WHERE codelab_id = ?`, codelabID); err != nil {
			return Draft{}, fmt.Errorf("store: clear help: %w", err)
		}
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM events WHERE codelab_id = ?`, codelabID).Scan(&last); err != nil {
			return Draft{}, fmt.Errorf("store: last seq: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE codelab_id = ? AND seq < ?`, codelabID, last); err != nil {
			return Draft{}, fmt.Errorf("store: clear events: %w", err)
		}
		if err := tombstone(ctx, tx, `codelab_id = ? AND seq = ?`, codelabID, last); err != nil {
			return Draft{}, err
		}
		*out = s
		return Draft{Type: "session_started", Fields: map[string]any{"session": s}}, nil
	}}
}

func codelabExistsTx(ctx context.Context, q querier, codelabID string) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM codelabs WHERE id = ?`, codelabID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return &OpError{Kind: ErrNotFound, Code: "not_found", Message: "The codelab was not found."}
	}
	if err != nil {
		return fmt.Errorf("store: codelab: %w", err)
	}
	return nil
}

// currentSession returns the codelab's current session; without a row it
// is CurrentSessionID, started with the first attendee or event (or now).
func currentSession(ctx context.Context, q querier, codelabID string) (model.Session, error) {
	s := model.Session{CodelabID: codelabID, Current: true}
	var started string
	err := q.QueryRowContext(ctx, `SELECT id, title, started_at FROM sessions WHERE codelab_id = ? AND ended_at IS NULL`,
		codelabID).Scan(&s.ID, &s.Title, &started)
	if errors.Is(err, sql.ErrNoRows) {
		s.ID, s.Title = CurrentSessionID, "Current session"
		err = q.QueryRowContext(ctx, `SELECT COALESCE(MIN(t), ?) FROM (
			SELECT MIN(created_at) AS t FROM attendees WHERE codelab_id = ?
			UNION ALL SELECT MIN(created_at) FROM events WHERE codelab_id = ?)`, now(), codelabID, codelabID).Scan(&started)
	}
	if err != nil {
		return s, fmt.Errorf("store: current session: %w", err)
	}
	s.StartedAt = parseTime(started)
	return s, nil
}

// roomOf reads the live room of the current session s.
func roomOf(ctx context.Context, q querier, s model.Session) (*model.SessionDetail, error) {
	d := &model.SessionDetail{Session: s, Attendees: []model.Attendee{}, Help: []model.SessionHelp{}, Messages: []json.RawMessage{}}
	rows, err := q.QueryContext(ctx, `SELECT `+attendeeColumns+` FROM attendees WHERE codelab_id = ? ORDER BY created_at, id`, s.CodelabID)
	if err != nil {
		return nil, fmt.Errorf("store: session attendees: %w", err)
	}
	for rows.Next() {
		a, err := scanAttendee(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan attendee: %w", err)
		}
		d.Attendees = append(d.Attendees, *a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: session attendees: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT h.id, a.id, a.name, h.step, h.created_at, h.resolved_at
		FROM help_requests h JOIN attendees a ON a.id = h.attendee_id WHERE h.codelab_id = ? ORDER BY h.rowid`, s.CodelabID)
	if err != nil {
		return nil, fmt.Errorf("store: session help: %w", err)
	}
	for rows.Next() {
		var h model.SessionHelp
		var created string
		var resolved sql.NullString
		if err := rows.Scan(&h.ID, &h.Attendee.ID, &h.Attendee.Name, &h.Step, &created, &resolved); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan help: %w", err)
		}
		h.CreatedAt = parseTime(created)
		if resolved.Valid {
			t := parseTime(resolved.String)
			h.ResolvedAt = &t
		}
		d.Help = append(d.Help, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: session help: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT type, body FROM events WHERE codelab_id = ?
		AND type IN ('chat', 'dm', 'announcement') ORDER BY seq`, s.CodelabID)
	if err != nil {
		return nil, fmt.Errorf("store: session messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ, body string
		if err := rows.Scan(&typ, &body); err != nil {
			return nil, fmt.Errorf("store: scan message: %w", err)
		}
		if typ != "announcement" {
			d.ChatCount++
		}
		d.Messages = append(d.Messages, json.RawMessage(body))
	}
	d.AttendeeCount, d.HelpCount = len(d.Attendees), len(d.Help)
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if d.Progress, err = progressPoints(ctx, q, s.CodelabID); err != nil {
		return nil, err
	}
	var results string
	if err := q.QueryRowContext(ctx, sessionResultsQuery, s.CodelabID, s.CodelabID, s.CodelabID, s.CodelabID).Scan(&results); err != nil {
		return nil, fmt.Errorf("store: session results: %w", err)
	}
	d.Results = json.RawMessage(results)
	return d, nil
}

// progressPoints reads every step change of the current room from the log.
func progressPoints(ctx context.Context, q querier, codelabID string) ([]model.ProgressPoint, error) {
	rows, err := q.QueryContext(ctx, `SELECT json_extract(body, '$.attendee.id'), json_extract(body, '$.current_step'), created_at
		FROM events WHERE codelab_id = ? AND type = 'progress' ORDER BY seq`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: session progress: %w", err)
	}
	defer rows.Close()
	out := []model.ProgressPoint{}
	for rows.Next() {
		var p model.ProgressPoint
		var at string
		if err := rows.Scan(&p.AttendeeID, &p.Step, &at); err != nil {
			return nil, fmt.Errorf("store: scan progress: %w", err)
		}
		p.At = parseTime(at)
		out = append(out, p)
	}
	return out, rows.Err()
}

// sessionResultsQuery gathers the loop's rows of a codelab's current room in
// one JSON object, so a new session (which deletes the attendees and, by
// cascade, their results) keeps them in its archive. Submitted files stay in
// the submissions folder: SubmissionFileNames also lists the archived ones.
const sessionResultsQuery = `SELECT json_object(
	'quiz_attempts', json((SELECT json_group_array(json_object('attendee_id', attendee_id, 'step', step,
		'score_percent', score_percent, 'passed', passed = 1, 'results', json(results), 'created_at', created_at))
		FROM quiz_attempts WHERE codelab_id = ?)),
	'feedback', json((SELECT json_group_array(json_object('attendee_id', attendee_id, 'satisfaction', satisfaction,
		'difficulty', difficulty, 'comment', comment, 'updated_at', updated_at))
		FROM feedback WHERE codelab_id = ?)),
	'submissions', json((SELECT json_group_array(json_object('id', id, 'attendee_id', attendee_id, 'kind', kind,
		'title', title, 'url', url, 'file_name', file_name, 'original_name', original_name, 'size', size,
		'created_at', created_at))
		FROM submissions WHERE codelab_id = ?)),
	'certificates', json((SELECT json_group_array(json_object('id', id, 'attendee_id', attendee_id, 'completed_at', completed_at))
		FROM certificates WHERE codelab_id = ? AND attendee_id IN (SELECT id FROM attendees))))`

// Sessions lists a codelab's sessions, newest first; the current one is
// always there (CurrentSessionID if it has no row yet) with live counts.
func (s *Store) Sessions(ctx context.Context, codelabID string) ([]model.Session, error) {
	if err := s.CodelabExists(ctx, codelabID); err != nil {
		return nil, err
	}
	cur, err := s.Session(ctx, codelabID, CurrentSessionID)
	if err != nil {
		return nil, err
	}
	out := []model.Session{cur.Session}
	rows, err := s.read.QueryContext(ctx, `SELECT id, title, started_at, ended_at, attendee_count, chat_count, help_count
		FROM sessions WHERE codelab_id = ? AND ended_at IS NOT NULL ORDER BY started_at DESC, id`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		ss := model.Session{CodelabID: codelabID}
		var started, ended string
		if err := rows.Scan(&ss.ID, &ss.Title, &started, &ended, &ss.AttendeeCount, &ss.ChatCount, &ss.HelpCount); err != nil {
			return nil, fmt.Errorf("store: scan session: %w", err)
		}
		end := parseTime(ended)
		ss.StartedAt, ss.EndedAt = parseTime(started), &end
		out = append(out, ss)
	}
	return out, rows.Err()
}

// Session returns one session with its room: live for the current one
// (its id or CurrentSessionID), from the archive for an ended one.
func (s *Store) Session(ctx context.Context, codelabID, sessionID string) (*model.SessionDetail, error) {
	cur, err := currentSession(ctx, s.read, codelabID)
	if err != nil {
		return nil, err
	}
	if sessionID == CurrentSessionID || sessionID == cur.ID {
		if err := s.CodelabExists(ctx, codelabID); err != nil {
			return nil, err
		}
		return roomOf(ctx, s.read, cur)
	}
	var archive, ended string
	err = s.read.QueryRowContext(ctx, `SELECT archive, ended_at FROM sessions WHERE id = ? AND codelab_id = ? AND ended_at IS NOT NULL`,
		sessionID, codelabID).Scan(&archive, &ended)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: session %q: %w", sessionID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", err)
	}
	var d model.SessionDetail
	if err := json.Unmarshal([]byte(archive), &d); err != nil {
		return nil, fmt.Errorf("store: decode archive: %w", err)
	}
	end := parseTime(ended)
	d.EndedAt, d.Current = &end, false
	return &d, nil
}
