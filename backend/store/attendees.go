package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
)

// MaxNameRunes is the longest attendee name accepted.
const MaxNameRunes = 60

// ErrWrongCode is returned when registration presents a wrong access code.
var ErrWrongCode = errors.New("wrong access code")

// ErrInvalid is returned for input that breaks a rule; the wrapping
// OpError says which.
var ErrInvalid = errors.New("invalid")

// continueAlphabet has no 0/O, 1/I/L: codes are read aloud and typed on phones.
const continueAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// CleanName trims a name and collapses its inner spaces; it is the name
// stored and shown.
func CleanName(name string) string { return strings.Join(strings.Fields(name), " ") }

// NameKey is the form two names are compared in: "  ALICE " equals "alice",
// and "bo\u200db" (an invisible joiner) equals "bob".
func NameKey(name string) string { return strings.ToLower(CleanName(stripJoiners(name))) }

// ValidateName reports why a cleaned name cannot be used, or nil.
func ValidateName(name string) error {
	switch {
	case name == "":
		return &OpError{Kind: ErrInvalid, Code: "invalid_name", Message: "Please enter a name."}
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxNameRunes:
		return &OpError{Kind: ErrInvalid, Code: "invalid_name", Message: fmt.Sprintf("A name can have at most %d characters.", MaxNameRunes)}
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return &OpError{Kind: ErrInvalid, Code: "invalid_name", Message: "A name cannot contain control characters."}
	case strings.IndexFunc(name, hiddenInName) >= 0:
		return &OpError{Kind: ErrInvalid, Code: "invalid_name", Message: "A name cannot contain invisible or text-direction characters."}
	case strings.TrimSpace(stripJoiners(name)) == "":
		return &OpError{Kind: ErrInvalid, Code: "invalid_name", Message: "Please enter a name."}
	}
	return nil
}

// HashToken is how attendee tokens are stored and looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

func newContinueCode() string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = continueAlphabet[int(b[i])%len(continueAlphabet)]
	}
	return string(b[:])
}

// NormalizeContinueCode upper-cases a typed code and drops spaces and dashes.
func NormalizeContinueCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return unicode.ToUpper(r)
	}, code)
}

// RegisterAttendee adds name to a public codelab after checking its access
// code (trimmed, case-insensitive). Errors: ErrNotFound (no such public
// codelab), ErrWrongCode, ErrConflict (codelab full, name taken), ErrInvalid
// (bad name).
func (s *Store) RegisterAttendee(ctx context.Context, codelabID, name, code string) (*model.Registration, error) {
	name = CleanName(name)
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	key := NameKey(name)
	var reg *model.Registration
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var want string
		var public bool
		var capacity int
		err := tx.QueryRowContext(ctx, `SELECT access_code, is_public, max_attendees FROM codelabs WHERE id = ?`,
			codelabID).Scan(&want, &public, &capacity)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !public) {
			return fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: register: %w", err)
		}
		want = strings.ToLower(strings.TrimSpace(want))
		got := strings.ToLower(strings.TrimSpace(code))
		if want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
			return ErrWrongCode
		}
		if err := checkCapacity(ctx, tx, codelabID, capacity); err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attendees WHERE codelab_id = ? AND name_key = ?`,
			codelabID, key).Scan(&taken); err != nil {
			return fmt.Errorf("store: register: %w", err)
		}
		if taken > 0 {
			return &OpError{Kind: ErrConflict, Code: "name_taken", Message: "That name is already taken in this codelab; please choose another."}
		}
		cont, err := freeContinueCode(ctx, tx, codelabID)
		if err != nil {
			return err
		}
		t := now()
		a := model.Attendee{ID: NewID(), CodelabID: codelabID, Name: name, CurrentStep: 1, CompletedSteps: []int{},
			StepStartedAt: parseTime(t), CreatedAt: parseTime(t)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO attendees (id, codelab_id, name, name_key, continue_code,
			step_started_at, created_at) VALUES (?,?,?,?,?,?,?)`, a.ID, codelabID, name, key, cont, t, t); err != nil {
			return fmt.Errorf("store: insert attendee: %w", err)
		}
		token, err := insertToken(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		reg = &model.Registration{Attendee: a, Token: token, ContinueCode: cont}
		return nil
	})
	if err == nil {
		s.roster.touch(codelabID, reg.Attendee.ID)
	}
	return reg, err
}

func freeContinueCode(ctx context.Context, tx *sql.Tx, codelabID string) (string, error) {
	for range 20 {
		code := newContinueCode()
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attendees WHERE codelab_id = ? AND continue_code = ?`,
			codelabID, code).Scan(&n); err != nil {
			return "", fmt.Errorf("store: continue code: %w", err)
		}
		if n == 0 {
			return code, nil
		}
	}
	return "", errors.New("store: no free continue code")
}

func insertToken(ctx context.Context, tx *sql.Tx, attendeeID string) (string, error) {
	token := newToken()
	if _, err := tx.ExecContext(ctx, `INSERT INTO attendee_tokens (token_hash, attendee_id, created_at) VALUES (?,?,?)`,
		HashToken(token), attendeeID, now()); err != nil {
		return "", fmt.Errorf("store: insert token: %w", err)
	}
	return token, nil
}

// ContinueAttendee gives the attendee holding code in codelabID a new token
// for another device; the old tokens keep working. ErrNotFound if no match.
func (s *Store) ContinueAttendee(ctx context.Context, codelabID, code string) (*model.Registration, error) {
	code = NormalizeContinueCode(code)
	if code == "" { // matches nobody: no need to take the writer
		return nil, fmt.Errorf("store: continue code: %w", ErrNotFound)
	}
	var reg *model.Registration
	err := s.Write(ctx, func(tx *sql.Tx) error {
		a, err := scanAttendee(tx.QueryRowContext(ctx, `SELECT `+attendeeColumns+` FROM attendees
			WHERE codelab_id = ? AND continue_code = ?`, codelabID, code))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: continue code: %w", ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: continue: %w", err)
		}
		token, err := insertToken(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		reg = &model.Registration{Attendee: *a, Token: token, ContinueCode: code}
		return nil
	})
	return reg, err
}

const attendeeColumns = `id, codelab_id, name, current_step, completed_steps, step_started_at, created_at`

func scanAttendee(row rowScanner) (*model.Attendee, error) {
	var a model.Attendee
	var completed, started, created string
	if err := row.Scan(&a.ID, &a.CodelabID, &a.Name, &a.CurrentStep, &completed, &started, &created); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(completed), &a.CompletedSteps); err != nil || a.CompletedSteps == nil {
		a.CompletedSteps = []int{}
	}
	a.StepStartedAt, a.CreatedAt = parseTime(started), parseTime(created)
	return &a, nil
}

// AttendeeByToken finds the attendee a token belongs to (ErrNotFound if none).
func (s *Store) AttendeeByToken(ctx context.Context, token string) (*model.Attendee, error) {
	if token == "" {
		return nil, fmt.Errorf("store: attendee token: %w", ErrNotFound)
	}
	a, err := scanAttendee(s.read.QueryRowContext(ctx, `SELECT `+attendeeColumns+` FROM attendees
		WHERE id = (SELECT attendee_id FROM attendee_tokens WHERE token_hash = ?)`, HashToken(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: attendee token: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: attendee by token: %w", err)
	}
	return a, nil
}

// ContinueCode returns the attendee's code for "continue on another device".
func (s *Store) ContinueCode(ctx context.Context, attendeeID string) (string, error) {
	var code string
	err := s.read.QueryRowContext(ctx, `SELECT continue_code FROM attendees WHERE id = ?`, attendeeID).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: attendee %q: %w", attendeeID, ErrNotFound)
	}
	return code, err
}

// ProgressOp moves an attendee to step and marks steps complete. Completed
// steps only grow: the given ones are added, and moving forward by one
// (N-1 to N, the "Next" button) marks N-1 complete.
// step_started_at changes only when the current step does.
func ProgressOp(codelabID string, who model.Person, cid string, step int, completed []int) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, CID: cid, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		var stepCount int
		// Attendees see (and number) only the steps that are not hidden.
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM steps WHERE codelab_id = ? AND hidden = 0`, codelabID).Scan(&stepCount); err != nil {
			return Draft{}, fmt.Errorf("store: progress: %w", err)
		}
		valid := func(n int) bool { return n >= 1 && (n <= stepCount || stepCount == 0 && n == 1) }
		if !valid(step) {
			return Draft{}, &OpError{Kind: ErrInvalid, Code: "invalid_step", Message: fmt.Sprintf("Step %d does not exist.", step)}
		}
		a, err := scanAttendee(tx.QueryRowContext(ctx, `SELECT `+attendeeColumns+` FROM attendees WHERE id = ? AND codelab_id = ?`,
			who.ID, codelabID))
		if err != nil {
			return Draft{}, fmt.Errorf("store: progress attendee: %w", notFoundIfNoRows(err))
		}
		done := map[int]bool{}
		for _, n := range a.CompletedSteps {
			done[n] = true
		}
		if step == a.CurrentStep+1 {
			completed = append(completed, a.CurrentStep)
		}
		for _, n := range completed {
			if !valid(n) {
				return Draft{}, &OpError{Kind: ErrInvalid, Code: "invalid_step", Message: fmt.Sprintf("Step %d does not exist.", n)}
			}
			done[n] = true
		}
		list := make([]int, 0, len(done))
		for n := 1; n <= max(stepCount, 1); n++ {
			if done[n] {
				list = append(list, n)
			}
		}
		started := a.StepStartedAt.Format(timeLayout)
		if step != a.CurrentStep {
			started = at
		}
		if _, err := tx.ExecContext(ctx, `UPDATE attendees SET current_step = ?, completed_steps = ?, step_started_at = ?
			WHERE id = ?`, step, intsJSON(list), started, a.ID); err != nil {
			return Draft{}, fmt.Errorf("store: update progress: %w", err)
		}
		return Draft{Type: "progress", VisibleTo: "admin", Fields: map[string]any{
			"attendee": who, "current_step": step, "completed_steps": list, "step_started_at": started,
		}}, nil
	}}
}

func intsJSON(v []int) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func notFoundIfNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
