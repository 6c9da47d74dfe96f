package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// Requirement names, in the order they are reported.
const (
	ReqSteps      = "steps"
	ReqQuiz       = "quiz"
	ReqFeedback   = "feedback"
	ReqSubmission = "submission"
)

// RequirementsError is a refused completion: Missing lists what is not met.
type RequirementsError struct{ Missing []string }

func (e *RequirementsError) Error() string { return fmt.Sprintf("requirements not met: %v", e.Missing) }
func (e *RequirementsError) Unwrap() error { return ErrConflict }

// CertificateRow is a stored certificate: Payload is the exact signed JSON.
type CertificateRow struct {
	ID          string
	CodelabID   string
	AttendeeID  string
	Payload     string
	Signature   []byte
	CompletedAt time.Time
}

// CertificateKey returns the facilitator's signing key, creating it on
// first use. It lives in the database so backups carry it.
func (s *Store) CertificateKey(ctx context.Context) (ed25519.PrivateKey, time.Time, error) {
	var seed []byte
	var created string
	err := s.read.QueryRowContext(ctx, `SELECT seed, created_at FROM certificate_keys WHERE id = 1`).Scan(&seed, &created)
	if errors.Is(err, sql.ErrNoRows) {
		fresh := make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(fresh); err != nil {
			return nil, time.Time{}, fmt.Errorf("store: key seed: %w", err)
		}
		pub := ed25519.NewKeyFromSeed(fresh).Public().(ed25519.PublicKey)
		if err := s.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO certificate_keys (id, seed, public_key, created_at)
				VALUES (1, ?, ?, ?)`, fresh, []byte(pub), now())
			return err
		}); err != nil {
			return nil, time.Time{}, fmt.Errorf("store: create certificate key: %w", err)
		}
		err = s.write.QueryRowContext(ctx, `SELECT seed, created_at FROM certificate_keys WHERE id = 1`).Scan(&seed, &created)
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("store: certificate key: %w", err)
	}
	if len(seed) != ed25519.SeedSize {
		return nil, time.Time{}, fmt.Errorf("store: certificate key has %d bytes", len(seed))
	}
	return ed25519.NewKeyFromSeed(seed), parseTime(created), nil
}

// missingTx lists the unmet requirements of an attendee, inside q.
func missingTx(ctx context.Context, q queryer, codelabID, attendeeID string) ([]string, map[string]bool, error) {
	var reqQuiz, reqFeedback, reqSubmit bool
	var steps int
	err := q.QueryRowContext(ctx, `SELECT require_quiz, require_feedback, require_submission,
		(SELECT COUNT(*) FROM steps WHERE codelab_id = codelabs.id) FROM codelabs WHERE id = ?`, codelabID).
		Scan(&reqQuiz, &reqFeedback, &reqSubmit, &steps)
	if err != nil {
		return nil, nil, fmt.Errorf("store: completion rules: %w", notFoundIfNoRows(err))
	}
	a, err := scanAttendee(q.QueryRowContext(ctx, `SELECT `+attendeeColumns+` FROM attendees WHERE id = ? AND codelab_id = ?`,
		attendeeID, codelabID))
	if err != nil {
		return nil, nil, fmt.Errorf("store: completion attendee: %w", notFoundIfNoRows(err))
	}
	requires := map[string]bool{ReqSteps: true, ReqQuiz: reqQuiz, ReqFeedback: reqFeedback, ReqSubmission: reqSubmit}
	missing := []string{}
	done := map[int]bool{a.CurrentStep: true}
	for _, n := range a.CompletedSteps {
		done[n] = true
	}
	for n := 1; n <= steps; n++ {
		if !done[n] {
			missing = append(missing, ReqSteps)
			break
		}
	}
	if reqQuiz {
		quiz, err := activeQuiz(ctx, q, codelabID)
		if err != nil {
			return nil, nil, err
		}
		attempts, _, err := queryAttempts(ctx, q, `WHERE attendee_id = ?`, attendeeID)
		if err != nil {
			return nil, nil, err
		}
		if !allPassed(standing(quiz, attempts)) {
			missing = append(missing, ReqQuiz)
		}
	}
	count := func(table string) (int, error) {
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE attendee_id = ?`, attendeeID).Scan(&n)
		return n, err
	}
	if reqFeedback {
		n, err := count("feedback")
		if err != nil {
			return nil, nil, fmt.Errorf("store: feedback given: %w", err)
		}
		if n == 0 {
			missing = append(missing, ReqFeedback)
		}
	}
	if reqSubmit {
		n, err := count("submissions")
		if err != nil {
			return nil, nil, fmt.Errorf("store: submissions made: %w", err)
		}
		if n == 0 {
			missing = append(missing, ReqSubmission)
		}
	}
	return missing, requires, nil
}

// AttendeeRequirements reports what the attendee still needs to complete.
func (s *Store) AttendeeRequirements(ctx context.Context, codelabID, attendeeID string) (*model.Requirements, error) {
	missing, requires, err := missingTx(ctx, s.read, codelabID, attendeeID)
	if err != nil {
		return nil, err
	}
	r := &model.Requirements{Missing: missing, Requires: requires}
	if c, err := s.CertificateOf(ctx, attendeeID); err == nil {
		r.Completed, r.CertificateID, r.Missing = true, &c.ID, []string{}
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	return r, nil
}

// ErrAlreadyCompleted is returned by CompleteOp when the attendee already
// has a certificate; the caller answers with that one.
var ErrAlreadyCompleted = errors.New("already completed")

// Signer turns the completion (with its time) into a signed certificate.
type Signer func(completedAt string) (id, payload string, signature []byte, err error)

// CompleteOp checks every completion rule inside the transaction and, when
// all hold, stores the certificate that sign makes and logs a completed
// event for the attendee and the facilitator.
func CompleteOp(codelabID string, who model.Person, sign Signer, out *CertificateRow) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM certificates WHERE attendee_id = ?`, who.ID).Scan(&n); err != nil {
			return Draft{}, fmt.Errorf("store: completed: %w", err)
		}
		if n > 0 {
			return Draft{}, ErrAlreadyCompleted
		}
		var closed bool
		if err := tx.QueryRowContext(ctx, `SELECT closed FROM codelabs WHERE id = ?`, codelabID).Scan(&closed); err != nil {
			return Draft{}, fmt.Errorf("store: complete: %w", notFoundIfNoRows(err))
		}
		if closed {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "codelab_closed", Message: "This codelab is closed."}
		}
		missing, _, err := missingTx(ctx, tx, codelabID, who.ID)
		if err != nil {
			return Draft{}, err
		}
		if len(missing) > 0 {
			return Draft{}, &RequirementsError{Missing: missing}
		}
		id, payload, sig, err := sign(at)
		if err != nil {
			return Draft{}, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO certificates (id, codelab_id, attendee_id, payload, signature, completed_at)
			VALUES (?,?,?,?,?,?)`, id, codelabID, who.ID, payload, sig, at); err != nil {
			return Draft{}, fmt.Errorf("store: insert certificate: %w", err)
		}
		*out = CertificateRow{ID: id, CodelabID: codelabID, AttendeeID: who.ID, Payload: payload, Signature: sig, CompletedAt: parseTime(at)}
		return Draft{Type: "completed", VisibleTo: Admin.ID, Fields: map[string]any{
			"attendee": who, "certificate_id": id, "completed_at": at,
		}}, nil
	}}
}

func (s *Store) queryCertificate(ctx context.Context, where string, arg string) (*CertificateRow, error) {
	var c CertificateRow
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT id, codelab_id, attendee_id, payload, signature, completed_at
		FROM certificates `+where, arg).Scan(&c.ID, &c.CodelabID, &c.AttendeeID, &c.Payload, &c.Signature, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: certificate: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: certificate: %w", err)
	}
	c.CompletedAt = parseTime(at)
	return &c, nil
}

// GetCertificate returns a certificate by id.
func (s *Store) GetCertificate(ctx context.Context, id string) (*CertificateRow, error) {
	return s.queryCertificate(ctx, `WHERE id = ?`, id)
}

// CertificateOf returns the attendee's certificate (ErrNotFound if none).
func (s *Store) CertificateOf(ctx context.Context, attendeeID string) (*CertificateRow, error) {
	return s.queryCertificate(ctx, `WHERE attendee_id = ?`, attendeeID)
}

// LoopStatus lists every attendee of the codelab with their standing.
func (s *Store) LoopStatus(ctx context.Context, codelabID string) ([]model.LoopRow, error) {
	stats, err := s.GetQuizStats(ctx, codelabID)
	if err != nil {
		return nil, err
	}
	rows := make([]model.LoopRow, len(stats.Attendees))
	idx := map[string]int{}
	for i, a := range stats.Attendees {
		rows[i] = model.LoopRow{Attendee: a.Attendee, QuizPassed: a.QuizPassed, BestScore: a.BestScore}
		idx[a.Attendee.ID] = i
	}
	q := `SELECT a.id,
		(SELECT id FROM certificates c WHERE c.attendee_id = a.id),
		(SELECT completed_at FROM certificates c WHERE c.attendee_id = a.id),
		EXISTS (SELECT 1 FROM feedback f WHERE f.attendee_id = a.id),
		(SELECT COUNT(*) FROM submissions s WHERE s.attendee_id = a.id)
		FROM attendees a WHERE a.codelab_id = ?`
	r, err := s.read.QueryContext(ctx, q, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: loop status: %w", err)
	}
	defer r.Close()
	for r.Next() {
		var id string
		var cert, at sql.NullString
		var fb bool
		var subs int
		if err := r.Scan(&id, &cert, &at, &fb, &subs); err != nil {
			return nil, fmt.Errorf("store: scan loop status: %w", err)
		}
		i, ok := idx[id]
		if !ok {
			continue // registered after the roster was read
		}
		if cert.Valid {
			t := parseTime(at.String)
			rows[i].CertificateID, rows[i].CompletedAt = &cert.String, &t
		}
		rows[i].Feedback, rows[i].Submissions = fb, subs
	}
	return rows, r.Err()
}

// CompletedAttendees returns the ids of attendees with a certificate.
func (s *Store) CompletedAttendees(ctx context.Context, codelabID string) (map[string]bool, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT attendee_id FROM certificates WHERE codelab_id = ?`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: completed attendees: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
