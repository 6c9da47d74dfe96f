package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

// NormalizeAnswer is how text answers are compared: lower case, no white space.
func NormalizeAnswer(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

func invalidAnswer(format string, args ...any) error {
	return &OpError{Kind: ErrInvalid, Code: "invalid_answer", Message: fmt.Sprintf(format, args...)}
}

// grade checks one answer against its question.
func grade(q model.QuizQuestion, a model.AttemptAnswer) (bool, error) {
	if q.Kind == model.QuizText {
		if a.Text == nil {
			return false, nil
		}
		if len([]rune(*a.Text)) > MaxAnswerTextRunes {
			return false, invalidAnswer("An answer can have at most %d characters.", MaxAnswerTextRunes)
		}
		got := NormalizeAnswer(*a.Text)
		for _, acc := range q.Accept {
			if got != "" && NormalizeAnswer(acc) == got {
				return true, nil
			}
		}
		return false, nil
	}
	chosen := map[int]bool{}
	for _, c := range a.Choices {
		if c < 0 || c >= len(q.Options) {
			return false, invalidAnswer("Choice %d is out of range for question %s.", c, q.ID)
		}
		chosen[c] = true
	}
	if len(chosen) != len(q.Answers) {
		return false, nil
	}
	for _, n := range q.Answers {
		if !chosen[n] {
			return false, nil
		}
	}
	return true, nil
}

func closedOrCompleted(ctx context.Context, q queryer, codelabID, attendeeID string) error {
	var closed bool
	err := q.QueryRowContext(ctx, `SELECT closed FROM codelabs WHERE id = ?`, codelabID).Scan(&closed)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: codelab closed: %w", err)
	}
	if closed {
		return &OpError{Kind: ErrConflict, Code: "codelab_closed", Message: "This codelab is closed; nothing can be changed any more."}
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM certificates WHERE attendee_id = ?`, attendeeID).Scan(&n); err != nil {
		return fmt.Errorf("store: completed: %w", err)
	}
	if n > 0 {
		return &OpError{Kind: ErrConflict, Code: "already_completed", Message: "You have completed this codelab; this can no longer be changed."}
	}
	return nil
}

// QuizAttemptOp grades an attempt on the server, stores it and logs a
// quiz_submitted event for the attendee and the facilitator. *out receives
// the graded attempt.
func QuizAttemptOp(codelabID string, who model.Person, in AttemptInput, out *model.QuizAttempt) Op {
	return Op{CodelabID: codelabID, ActorID: who.ID, Apply: func(ctx context.Context, tx *sql.Tx, at string) (Draft, error) {
		if err := closedOrCompleted(ctx, tx, codelabID, who.ID); err != nil {
			return Draft{}, err
		}
		quiz, err := activeQuiz(ctx, tx, codelabID)
		if err != nil {
			return Draft{}, err
		}
		byID := map[string]model.QuizQuestion{}
		for _, q := range quiz.Questions {
			byID[q.ID] = q
		}
		part, err := attemptPart(in, byID)
		if err != nil {
			return Draft{}, err
		}
		var inPart []model.QuizQuestion
		for _, q := range quiz.Questions {
			if sameStep(q.Step, part) {
				inPart = append(inPart, q)
			}
		}
		if len(inPart) == 0 {
			return Draft{}, &OpError{Kind: ErrNotFound, Code: "quiz_not_found", Message: "This part of the quiz has no questions."}
		}
		given := map[string]model.AttemptAnswer{}
		for _, a := range in.Answers {
			q, ok := byID[a.QuestionID]
			if !ok || !sameStep(q.Step, part) {
				return Draft{}, invalidAnswer("The question %q is not part of this quiz.", a.QuestionID)
			}
			if _, dup := given[a.QuestionID]; dup {
				return Draft{}, invalidAnswer("The question %q is answered twice.", a.QuestionID)
			}
			given[a.QuestionID] = a
		}
		var tries int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM quiz_attempts WHERE attendee_id = ? AND step IS ?`,
			who.ID, stepArg(part)).Scan(&tries); err != nil {
			return Draft{}, fmt.Errorf("store: count attempts: %w", err)
		}
		if !quiz.Retries && tries > 0 {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "no_retries", Message: "This quiz allows one attempt, and you have made it."}
		}
		if tries >= MaxAttempts {
			return Draft{}, &OpError{Kind: ErrConflict, Code: "too_many_attempts",
				Message: fmt.Sprintf("You have made %d attempts at this part of the quiz; that is the limit.", MaxAttempts)}
		}
		results := make([]model.QuizResult, len(inPart))
		correct := 0
		for i, q := range inPart {
			ok, err := grade(q, given[q.ID])
			if err != nil {
				return Draft{}, err
			}
			results[i] = model.QuizResult{QuestionID: q.ID, Correct: ok}
			if ok {
				correct++
			}
		}
		score := (200*correct + len(inPart)) / (2 * len(inPart)) // rounded half up
		passed := score >= quiz.PassPercent
		id := NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO quiz_attempts (id, codelab_id, attendee_id, step, score_percent, passed,
			answers, results, created_at) VALUES (?,?,?,?,?,?,?,?,?)`, id, codelabID, who.ID, stepArg(part), score, passed,
			mustJSON(in.Answers), mustJSON(results), at); err != nil {
			return Draft{}, fmt.Errorf("store: insert attempt: %w", notFoundIfFK(err))
		}
		*out = model.QuizAttempt{ID: id, Step: part, ScorePercent: score, Passed: passed, At: parseTime(at), Results: results}
		revealAnswers(out, quiz)
		plain := make([]model.QuizResult, len(results))
		for i, r := range results {
			plain[i] = model.QuizResult{QuestionID: r.QuestionID, Correct: r.Correct}
		}
		return Draft{Type: "quiz_submitted", VisibleTo: Admin.ID, Fields: map[string]any{
			"attendee": who, "attempt_id": id, "step": part, "score_percent": score, "passed": passed, "results": plain,
		}}, nil
	}}
}

func stepArg(step *int) any {
	if step == nil {
		return nil
	}
	return *step
}

// attemptPart is the part an attempt grades: the one named, else the one
// of its answers (all from one part), else the final quiz.
func attemptPart(in AttemptInput, byID map[string]model.QuizQuestion) (*int, error) {
	if in.PartGiven {
		return in.Part, nil
	}
	var part *int
	for i, a := range in.Answers {
		q, ok := byID[a.QuestionID]
		if !ok {
			return nil, invalidAnswer("The question %q is not part of this quiz.", a.QuestionID)
		}
		if i == 0 {
			part = q.Step
		} else if !sameStep(part, q.Step) {
			return nil, &OpError{Kind: ErrInvalid, Code: "mixed_quiz_parts",
				Message: "An attempt answers one part: the final quiz or one step's checkpoint. Send each part separately."}
		}
	}
	return part, nil
}

// revealAnswers adds the correct answers to an attempt's results when
// they can no longer help: the attempt passed or retries are off.
func revealAnswers(a *model.QuizAttempt, quiz *model.Quiz) {
	a.Reveal = a.Passed || !quiz.Retries
	if !a.Reveal {
		return
	}
	byID := map[string]model.QuizQuestion{}
	for _, q := range quiz.Questions {
		byID[q.ID] = q
	}
	for i := range a.Results {
		q, ok := byID[a.Results[i].QuestionID]
		if !ok {
			continue
		}
		if q.Kind == model.QuizText {
			a.Results[i].Accept = q.Accept
		} else {
			a.Results[i].Answers = q.Answers
		}
	}
}
