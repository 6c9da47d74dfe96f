package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/opencodelabs/desktop/backend/model"
)

// Quiz defaults (docs/api.md "Quizzes").
const (
	DefaultPassPercent = 80
	MaxAnswerTextRunes = 1000
	MaxAttempts        = 100 // per attendee and quiz part, even with retries
)

// queryer is what both a transaction and the read pool offer, so a rule
// can be checked inside the write that depends on it.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// AttemptInput is an attempt: Part is set when the client named the part
// (PartGiven), else it is inferred from the answered questions.
type AttemptInput struct {
	PartGiven bool
	Part      *int
	Answers   []model.AttemptAnswer
}

func jsonList[T any](s string) []T {
	var v []T
	if json.Unmarshal([]byte(s), &v) != nil || v == nil {
		return []T{}
	}
	return v
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("store: encode: %v", err))
	}
	return string(b)
}

func sameStep(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func loadQuiz(ctx context.Context, q queryer, codelabID string) (*model.Quiz, error) {
	quiz := &model.Quiz{PassPercent: DefaultPassPercent, Retries: true, Questions: []model.QuizQuestion{}}
	var updated string
	err := q.QueryRowContext(ctx, `SELECT pass_percent, retries, updated_at FROM quizzes WHERE codelab_id = ?`, codelabID).
		Scan(&quiz.PassPercent, &quiz.Retries, &updated)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: quiz: %w", err)
	}
	quiz.UpdatedAt = parseTime(updated)
	rows, err := q.QueryContext(ctx, `SELECT id, prompt, kind, options, answers, accept, step FROM quiz_questions
		WHERE codelab_id = ? ORDER BY position`, codelabID)
	if err != nil {
		return nil, fmt.Errorf("store: quiz questions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var qq model.QuizQuestion
		var opts, answers, accept string
		var step sql.NullInt64
		if err := rows.Scan(&qq.ID, &qq.Prompt, &qq.Kind, &opts, &answers, &accept, &step); err != nil {
			return nil, fmt.Errorf("store: scan question: %w", err)
		}
		qq.Options, qq.Answers, qq.Accept = jsonList[string](opts), jsonList[int](answers), jsonList[string](accept)
		if step.Valid {
			n := int(step.Int64)
			qq.Step = &n
		}
		quiz.Questions = append(quiz.Questions, qq)
	}
	return quiz, rows.Err()
}

// activeQuiz is the quiz as attendees take it: checkpoint questions of
// steps that no longer exist (the steps were shortened after the quiz was
// written) are left out of the view, the grading and the requirement.
func activeQuiz(ctx context.Context, q queryer, codelabID string) (*model.Quiz, error) {
	quiz, err := loadQuiz(ctx, q, codelabID)
	if err != nil {
		return nil, err
	}
	var steps int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM steps WHERE codelab_id = ?`, codelabID).Scan(&steps); err != nil {
		return nil, fmt.Errorf("store: quiz steps: %w", err)
	}
	kept := quiz.Questions[:0]
	for _, qq := range quiz.Questions {
		if qq.Step == nil || *qq.Step <= steps {
			kept = append(kept, qq)
		}
	}
	quiz.Questions = kept
	return quiz, nil
}

// GetQuiz returns a codelab's quiz with answers (defaults and no questions
// when none was saved).
func (s *Store) GetQuiz(ctx context.Context, codelabID string) (*model.Quiz, error) {
	if err := s.CodelabExists(ctx, codelabID); err != nil {
		return nil, err
	}
	return loadQuiz(ctx, s.read, codelabID)
}

// ReplaceQuiz stores quiz (already validated) as the codelab's whole quiz in
// one transaction. A question keeps its ID when it names an existing
// question of this codelab; others get new IDs. quiz_enabled follows
// whether there are questions.
func (s *Store) ReplaceQuiz(ctx context.Context, codelabID string, quiz *model.Quiz) error {
	return s.Write(ctx, func(tx *sql.Tx) error { return replaceQuizTx(ctx, tx, codelabID, quiz) })
}

// ReplaceQuizTx is ReplaceQuiz inside tx (imports).
func ReplaceQuizTx(ctx context.Context, tx *sql.Tx, codelabID string, quiz *model.Quiz) error {
	return replaceQuizTx(ctx, tx, codelabID, quiz)
}

func replaceQuizTx(ctx context.Context, tx *sql.Tx, codelabID string, quiz *model.Quiz) error {
	t := now()
	res, err := tx.ExecContext(ctx, `UPDATE codelabs SET quiz_enabled = ?, updated_at = ? WHERE id = ?`,
		len(quiz.Questions) > 0, t, codelabID)
	if err != nil {
		return fmt.Errorf("store: touch codelab: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
	}
	old := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM quiz_questions WHERE codelab_id = ?`, codelabID)
	if err != nil {
		return fmt.Errorf("store: quiz ids: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		old[id] = true
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM quiz_questions WHERE codelab_id = ?`, codelabID); err != nil {
		return fmt.Errorf("store: clear quiz: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO quizzes (codelab_id, pass_percent, retries, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (codelab_id) DO UPDATE SET pass_percent = excluded.pass_percent, retries = excluded.retries,
		updated_at = excluded.updated_at`, codelabID, quiz.PassPercent, quiz.Retries, t); err != nil {
		return fmt.Errorf("store: save quiz: %w", err)
	}
	used := map[string]bool{}
	for i := range quiz.Questions {
		q := &quiz.Questions[i]
		if !old[q.ID] || used[q.ID] {
			q.ID = NewID()
		}
		used[q.ID] = true
		var step any
		if q.Step != nil {
			step = *q.Step
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO quiz_questions (id, codelab_id, position, prompt, kind, options, answers,
			accept, step) VALUES (?,?,?,?,?,?,?,?,?)`, q.ID, codelabID, i+1, q.Prompt, q.Kind, mustJSON(nonNilStrings(q.Options)),
			mustJSON(nonNilInts(q.Answers)), mustJSON(nonNilStrings(q.Accept)), step); err != nil {
			return fmt.Errorf("store: insert question %d: %w", i+1, err)
		}
	}
	quiz.UpdatedAt = parseTime(t)
	return nil
}

func nonNilStrings(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func nonNilInts(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}

// copyQuizTx gives the codelab to the same quiz as from (new question IDs).
func copyQuizTx(ctx context.Context, tx *sql.Tx, from, to string) error {
	quiz, err := loadQuiz(ctx, tx, from)
	if err != nil {
		return err
	}
	for i := range quiz.Questions {
		quiz.Questions[i].ID = ""
	}
	return replaceQuizTx(ctx, tx, to, quiz)
}

func queryAttempts(ctx context.Context, q queryer, where string, args ...any) ([]model.QuizAttempt, []string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, attendee_id, step, score_percent, passed, results, created_at
		FROM quiz_attempts `+where+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: attempts: %w", err)
	}
	defer rows.Close()
	out := []model.QuizAttempt{}
	var who []string
	for rows.Next() {
		var a model.QuizAttempt
		var attendee, results, at string
		var step sql.NullInt64
		if err := rows.Scan(&a.ID, &attendee, &step, &a.ScorePercent, &a.Passed, &results, &at); err != nil {
			return nil, nil, fmt.Errorf("store: scan attempt: %w", err)
		}
		if step.Valid {
			n := int(step.Int64)
			a.Step = &n
		}
		a.Results, a.At = jsonList[model.QuizResult](results), parseTime(at)
		out = append(out, a)
		who = append(who, attendee)
	}
	return out, who, rows.Err()
}

// quizParts lists the parts that have questions: final first, then steps.
func quizParts(quiz *model.Quiz) []model.QuizPart {
	count := map[int]int{}
	final := 0
	for _, q := range quiz.Questions {
		if q.Step == nil {
			final++
		} else {
			count[*q.Step]++
		}
	}
	var parts []model.QuizPart
	if final > 0 {
		parts = append(parts, model.QuizPart{Questions: final})
	}
	steps := make([]int, 0, len(count))
	for n := range count {
		steps = append(steps, n)
	}
	sort.Ints(steps)
	for _, n := range steps {
		parts = append(parts, model.QuizPart{Step: &n, Questions: count[n]})
	}
	return parts
}

// standing fills each part with one attendee's attempts.
func standing(quiz *model.Quiz, attempts []model.QuizAttempt) []model.QuizPart {
	parts := quizParts(quiz)
	for i := range parts {
		p := &parts[i]
		for _, a := range attempts {
			if !sameStep(a.Step, p.Step) {
				continue
			}
			p.Attempts++
			if p.BestScore == nil || a.ScorePercent > *p.BestScore {
				sc := a.ScorePercent
				p.BestScore = &sc
			}
			p.Passed = p.Passed || a.Passed
		}
		p.CanAttempt = quiz.Retries || p.Attempts == 0
	}
	if parts == nil {
		parts = []model.QuizPart{}
	}
	return parts
}

func allPassed(parts []model.QuizPart) bool {
	return !slices.ContainsFunc(parts, func(p model.QuizPart) bool { return !p.Passed })
}

// AttendeeQuiz is the quiz as one attendee sees it: questions without
// answers are the caller's job; this gives the quiz, their parts and attempts.
func (s *Store) AttendeeQuiz(ctx context.Context, codelabID, attendeeID string) (*model.Quiz, []model.QuizPart, []model.QuizAttempt, error) {
	quiz, err := activeQuiz(ctx, s.read, codelabID)
	if err != nil {
		return nil, nil, nil, err
	}
	attempts, _, err := queryAttempts(ctx, s.read, `WHERE attendee_id = ?`, attendeeID)
	if err != nil {
		return nil, nil, nil, err
	}
	for i := range attempts {
		revealAnswers(&attempts[i], quiz)
	}
	return quiz, standing(quiz, attempts), attempts, nil
}
