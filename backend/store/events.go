package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
)

// MaxTextRunes bounds chat, DM and announcement text.
const MaxTextRunes = 2000

// Admin is the facilitator as an event's actor.
var Admin = model.Person{ID: "admin", Name: "Facilitator"}

// Event is one entry of a codelab's log. Body is the JSON frame clients
// receive (it includes type, seq and at).
type Event struct {
	CodelabID string
	Seq       int64
	Type      string
	ActorID   string
	VisibleTo string // "" everyone; else the actor, this id and the facilitator
	Body      []byte
	CID       string // the actor's client id ("" if none); not part of Body
}

// OpError is a refusal a client can act on; Kind is ErrInvalid,
// ErrConflict or ErrNotFound.
type OpError struct {
	Kind    error
	Code    string
	Message string
}

func (e *OpError) Error() string { return e.Code + ": " + e.Message }
func (e *OpError) Unwrap() error { return e.Kind }

// Draft is what an operation wants logged: the frame's type, audience and
// fields other than type, seq and at.
type Draft struct {
	Type      string
	VisibleTo string
	Fields    map[string]any
}

// Op is one write that produces one event. With a CID, repeating the op
// (same codelab, actor and CID) returns the first event and changes nothing.
// Apply runs inside the log's transaction; at is the event's time.
type Op struct {
	CodelabID string
	ActorID   string
	CID       string
	Apply     func(ctx context.Context, tx *sql.Tx, at string) (Draft, error)
}

type appendReq struct {
	ctx  context.Context
	op   Op
	ev   Event
	dup  bool
	err  error
	done chan struct{}
}

// EventLog serializes event writes through one goroutine that commits
// waiting writes together (group commit: one fsync for many messages) and
// hands each committed batch to a second goroutine that calls publish for
// each new event in seq order (subscribers never see seq 43 before 42)
// and then releases its Append. The next batch commits while the last one
// is being fanned out to the room: in a burst the fsync no longer waits
// for the fan-out, nor the fan-out for the fsync. Nothing is published
// before its commit, and an Append still returns after both.
type EventLog struct {
	s         *Store
	publish   func(Event)
	reqs      chan *appendReq
	committed chan []*appendReq
	quit      chan struct{}
	stopped   chan struct{}
	once      sync.Once
}

// maxBatch bounds how many writes share one transaction.
const maxBatch = 128

// NewEventLog starts the log's writer; publish (may be nil) is called after
// each commit, from the writer goroutine, and must not block.
func NewEventLog(s *Store, publish func(Event)) *EventLog {
	l := &EventLog{s: s, publish: publish, reqs: make(chan *appendReq, maxBatch),
		committed: make(chan []*appendReq, 4), quit: make(chan struct{}), stopped: make(chan struct{})}
	published := make(chan struct{})
	go func() { defer close(published); l.publishLoop() }()
	go func() {
		defer close(l.stopped)
		l.run()
		close(l.committed) // the publisher finishes what was committed, then stops
		<-published
	}()
	return l
}

// Close stops the writer after the batch in progress.
func (l *EventLog) Close() {
	l.once.Do(func() { close(l.quit) })
	<-l.stopped
}

var errLogClosed = errors.New("store: event log closed")

// Append commits op and returns its event; dup reports a repeated CID.
// It returns only after the commit, so callers may acknowledge.
func (l *EventLog) Append(ctx context.Context, op Op) (ev Event, dup bool, err error) {
	r := &appendReq{ctx: ctx, op: op, done: make(chan struct{})}
	select {
	case l.reqs <- r:
	case <-l.quit:
		return Event{}, false, errLogClosed
	case <-ctx.Done():
		return Event{}, false, ctx.Err()
	}
	select {
	case <-r.done:
		return r.ev, r.dup, r.err
	case <-l.stopped:
		return Event{}, false, errLogClosed
	}
}

func (l *EventLog) run() {
	for {
		var first *appendReq
		select {
		case first = <-l.reqs:
		case <-l.quit:
			return
		}
		batch := []*appendReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-l.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		l.commit(batch)
	}
}

// commit runs a batch in one transaction, each op inside a savepoint so
// one refused op does not undo the others.
func (l *EventLog) commit(batch []*appendReq) {
	ctx := context.Background()
	err := l.s.Write(ctx, func(tx *sql.Tx) error {
		for _, r := range batch {
			if r.err = r.ctx.Err(); r.err != nil {
				continue
			}
			if _, err := tx.ExecContext(ctx, `SAVEPOINT op`); err != nil {
				return fmt.Errorf("store: savepoint: %w", err)
			}
			r.ev, r.dup, r.err = appendTx(ctx, tx, r.op)
			if r.err != nil {
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO op`); err != nil {
					return fmt.Errorf("store: rollback to savepoint: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, `RELEASE op`); err != nil {
				return fmt.Errorf("store: release savepoint: %w", err)
			}
		}
		return nil
	})
	for _, r := range batch {
		if err != nil && r.err == nil {
			r.err = err
		}
		if r.err == nil && !r.dup && r.ev.Type == "progress" {
			l.s.roster.touch(r.ev.CodelabID, r.ev.ActorID) // committed: the dashboard may refresh the row
		}
		if r.err == nil && !r.dup && (r.ev.Type == "attendee_removed" || r.ev.Type == "session_started") {
			l.s.roster.forget(r.ev.CodelabID) // rows left the codelab (sessions.go)
		}
	}
	l.committed <- batch
}

// publishLoop publishes committed batches in order and releases their
// Appends.
func (l *EventLog) publishLoop() {
	for batch := range l.committed {
		for _, r := range batch {
			if r.err == nil && !r.dup && l.publish != nil {
				l.publish(r.ev)
			}
			close(r.done)
		}
	}
}

func appendTx(ctx context.Context, tx *sql.Tx, op Op) (Event, bool, error) {
	if op.CID != "" {
		ev, err := scanEvent(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events
			WHERE codelab_id = ? AND actor_id = ? AND cid = ?`, op.CodelabID, op.ActorID, op.CID))
		if err == nil {
			return ev, true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return Event{}, false, fmt.Errorf("store: find cid: %w", err)
		}
	}
	at := now()
	d, err := op.Apply(ctx, tx, at)
	if err != nil {
		return Event{}, false, err
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE codelab_id = ?`,
		op.CodelabID).Scan(&seq); err != nil {
		return Event{}, false, fmt.Errorf("store: next seq: %w", err)
	}
	fields := d.Fields // built afresh by each Apply: ours to complete
	if fields == nil {
		fields = map[string]any{}
	}
	fields["type"], fields["seq"], fields["at"] = d.Type, seq, at // at is already RFC 3339, as time.Time encodes
	body, err := json.Marshal(fields)
	if err != nil {
		return Event{}, false, fmt.Errorf("store: encode event: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (codelab_id, seq, type, actor_id, cid, visible_to, body, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, op.CodelabID, seq, d.Type, op.ActorID, nullIfEmpty(op.CID), nullIfEmpty(d.VisibleTo),
		string(body), at); err != nil {
		return Event{}, false, fmt.Errorf("store: insert event: %w", notFoundIfFK(err))
	}
	return Event{CodelabID: op.CodelabID, Seq: seq, Type: d.Type, ActorID: op.ActorID, VisibleTo: d.VisibleTo, Body: body, CID: op.CID}, false, nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func notFoundIfFK(err error) error {
	if strings.Contains(err.Error(), "FOREIGN KEY") {
		return fmt.Errorf("%v: %w", err, ErrNotFound)
	}
	return err
}

const eventColumns = `codelab_id, seq, type, actor_id, COALESCE(visible_to, ''), body, COALESCE(cid, '')`

func scanEvent(row rowScanner) (Event, error) {
	var e Event
	var body string
	err := row.Scan(&e.CodelabID, &e.Seq, &e.Type, &e.ActorID, &e.VisibleTo, &body, &e.CID)
	e.Body = []byte(body)
	return e, err
}

// Viewer is who reads the log: the facilitator sees everything, an
// attendee sees public events and those they are party to; a helper also
// sees the HelperTypes (helpers.go).
type Viewer struct {
	ID     string
	Admin  bool
	Helper bool
}

// Events returns up to limit events of codelabID after seq since that
// viewer may see, oldest first; types, if given, filters by type.
func (s *Store) Events(ctx context.Context, codelabID string, v Viewer, since int64, limit int, types ...string) ([]Event, error) {
	q := `SELECT ` + eventColumns + ` FROM events WHERE codelab_id = ? AND seq > ?
		AND (? OR visible_to IS NULL OR actor_id = ? OR visible_to = ?`
	args := []any{codelabID, since, v.Admin, v.ID, v.ID}
	if v.Helper {
		q += ` OR type IN (?` + strings.Repeat(",?", len(HelperTypes)-1) + `)`
		for _, t := range HelperTypes {
			args = append(args, t)
		}
	}
	q += `)`
	if len(types) > 0 {
		q += ` AND type IN (?` + strings.Repeat(",?", len(types)-1) + `)`
		for _, t := range types {
			args = append(args, t)
		}
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY seq LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ValidateText trims user text and checks its length.
func ValidateText(text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", &OpError{Kind: ErrInvalid, Code: "empty_text", Message: "The message is empty."}
	}
	if utf8.RuneCountInString(text) > MaxTextRunes {
		return "", &OpError{Kind: ErrInvalid, Code: "text_too_long", Message: fmt.Sprintf("A message can have at most %d characters.", MaxTextRunes)}
	}
	return text, nil
}

// ChatOp posts text to the whole codelab.
func ChatOp(codelabID string, from model.Person, cid, text string) Op {
	return Op{CodelabID: codelabID, ActorID: from.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		text, err := ValidateText(text)
		if err != nil {
			return Draft{}, err
		}
		return Draft{Type: "chat", Fields: map[string]any{"text": text, "from": from}}, nil
	}}
}

// AnnouncementOp is the facilitator's banner message to everyone.
func AnnouncementOp(codelabID, cid, text string) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		text, err := ValidateText(text)
		if err != nil {
			return Draft{}, err
		}
		if err := auditAnnouncementTx(ctx, tx, codelabID, at); err != nil {
			return Draft{}, err
		}
		return Draft{Type: "announcement", Fields: map[string]any{"text": text, "from": Admin}}, nil
	}}
}

// DMOp sends a private message; to is an attendee id of the same codelab or
// "admin" (the facilitator). The facilitator always sees DMs.
func DMOp(codelabID string, from model.Person, cid, to, text string) Op {
	return Op{CodelabID: codelabID, ActorID: from.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		text, err := ValidateText(text)
		if err != nil {
			return Draft{}, err
		}
		target := Admin
		if to != Admin.ID {
			err := tx.QueryRowContext(ctx, `SELECT id, name FROM attendees WHERE id = ? AND codelab_id = ?`, to, codelabID).
				Scan(&target.ID, &target.Name)
			if errors.Is(err, sql.ErrNoRows) { // or one of the codelab's helpers (helpers.go)
				target, err = helperRecipient(ctx, tx, codelabID, to)
			}
			if errors.Is(err, sql.ErrNoRows) || to == from.ID {
				return Draft{}, &OpError{Kind: ErrNotFound, Code: "unknown_recipient", Message: "There is no such attendee in this codelab."}
			}
			if err != nil {
				return Draft{}, fmt.Errorf("store: dm recipient: %w", err)
			}
		} else if from.ID == Admin.ID {
			return Draft{}, &OpError{Kind: ErrInvalid, Code: "unknown_recipient", Message: "Send a facilitator message to an attendee id."}
		}
		return Draft{Type: "dm", VisibleTo: target.ID, Fields: map[string]any{"text": text, "from": from, "to": target}}, nil
	}}
}

// CodelabUpdatedOp tells everyone in the codelab to reload its content.
func CodelabUpdatedOp(codelabID string) Op {
	return Op{CodelabID: codelabID, ActorID: Admin.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		return Draft{Type: "codelab_updated", Fields: map[string]any{"codelab_id": codelabID}}, nil
	}}
}
