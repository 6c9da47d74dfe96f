package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// Quiz limits (docs/api.md "Quizzes").
const (
	maxQuestions     = 200
	maxOptions       = 20
	maxAccept        = 50
	maxPromptRunes   = 2000
	maxOptionRunes   = 500
	maxQuizBody      = 4 << 20
	defaultPass      = store.DefaultPassPercent
	quizInvalidField = "invalid_quiz"
)

type quizIn struct {
	PassPercent *int                 `json:"pass_percent"`
	Retries     *bool                `json:"retries"`
	Questions   []model.QuizQuestion `json:"questions"`
}

// validate checks a whole quiz against the codelab's step count and
// returns it cleaned; nothing is stored when it fails.
func (in *quizIn) validate(stepCount int) (*model.Quiz, error) {
	bad := func(format string, args ...any) error { return badRequest(quizInvalidField, format, args...) }
	q := &model.Quiz{PassPercent: defaultPass, Retries: true, Questions: []model.QuizQuestion{}}
	if in.PassPercent != nil {
		if *in.PassPercent < 0 || *in.PassPercent > 100 {
			return nil, bad("pass_percent must be between 0 and 100.")
		}
		q.PassPercent = *in.PassPercent
	}
	if in.Retries != nil {
		q.Retries = *in.Retries
	}
	if in.Questions == nil {
		return nil, bad("The field questions is required (an array, possibly empty).")
	}
	if len(in.Questions) > maxQuestions {
		return nil, bad("A quiz can have at most %d questions.", maxQuestions)
	}
	for i, src := range in.Questions {
		f := func(field string) string { return fmt.Sprintf("questions[%d].%s", i, field) }
		qq := model.QuizQuestion{ID: strings.TrimSpace(src.ID), Prompt: strings.TrimSpace(src.Prompt), Kind: src.Kind,
			Options: []string{}, Answers: []int{}, Accept: []string{}, Step: src.Step}
		switch {
		case qq.Prompt == "":
			return nil, bad("%s must not be empty.", f("prompt"))
		case utf8.RuneCountInString(qq.Prompt) > maxPromptRunes:
			return nil, bad("%s must be at most %d characters.", f("prompt"), maxPromptRunes)
		case qq.Step != nil && (*qq.Step < 1 || *qq.Step > stepCount):
			return nil, bad("%s must be null (final quiz) or a step from 1 to %d.", f("step"), stepCount)
		}
		switch qq.Kind {
		case model.QuizSingle, model.QuizMulti:
			if len(src.Options) < 2 || len(src.Options) > maxOptions {
				return nil, bad("%s needs 2 to %d options.", f("options"), maxOptions)
			}
			for j, o := range src.Options {
				o = strings.TrimSpace(o)
				if o == "" || utf8.RuneCountInString(o) > maxOptionRunes {
					return nil, bad("%s[%d] must be 1 to %d characters.", f("options"), j, maxOptionRunes)
				}
				qq.Options = append(qq.Options, o)
			}
			seen := map[int]bool{}
			for _, n := range src.Answers {
				if n < 0 || n >= len(qq.Options) {
					return nil, bad("%s: index %d is out of range (0 to %d).", f("answers"), n, len(qq.Options)-1)
				}
				if seen[n] {
					return nil, bad("%s lists %d twice.", f("answers"), n)
				}
				seen[n] = true
				qq.Answers = append(qq.Answers, n)
			}
			if len(qq.Answers) == 0 {
				return nil, bad("%s must name the correct option(s).", f("answers"))
			}
			if qq.Kind == model.QuizSingle && len(qq.Answers) != 1 {
				return nil, bad("%s: a single-choice question has exactly one answer.", f("answers"))
			}
		case model.QuizText:
			for j, a := range src.Accept {
				if store.NormalizeAnswer(a) == "" || utf8.RuneCountInString(a) > maxOptionRunes {
					return nil, bad("%s[%d] must be 1 to %d characters.", f("accept"), j, maxOptionRunes)
				}
				qq.Accept = append(qq.Accept, strings.TrimSpace(a))
			}
			if len(qq.Accept) == 0 || len(qq.Accept) > maxAccept {
				return nil, bad("%s needs 1 to %d accepted answers.", f("accept"), maxAccept)
			}
		default:
			return nil, bad("%s must be single, multi or text.", f("kind"))
		}
		q.Questions = append(q.Questions, qq)
	}
	return q, nil
}

// putQuiz replaces the codelab's quiz: PUT /api/admin/codelabs/{id}/quiz.
func (a *API) putQuiz(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var in quizIn
	if err := decodeJSONLimit(w, r, &in, maxQuizBody); err != nil {
		return err
	}
	c, err := a.Store.CodelabSummary(r.Context(), id)
	if err != nil {
		return err
	}
	quiz, err := in.validate(c.StepCount)
	if err != nil {
		return err
	}
	if err := a.Store.ReplaceQuiz(r.Context(), id, quiz); err != nil {
		return err
	}
	a.notifyCodelabChanged(id)
	return a.adminQuiz(w, r)
}

func (a *API) adminQuiz(w http.ResponseWriter, r *http.Request) error {
	quiz, err := a.Store.GetQuiz(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, quiz)
}

func (a *API) quizStats(w http.ResponseWriter, r *http.Request) error {
	st, err := a.Store.GetQuizStats(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}

// publicQuestion is a question as attendees see it: never its answers.
type publicQuestion struct {
	ID      string   `json:"id"`
	Prompt  string   `json:"prompt"`
	Kind    string   `json:"kind"`
	Options []string `json:"options"`
	Step    *int     `json:"step"`
}

// attendeeQuiz is GET /api/codelabs/{id}/quiz for a registered attendee.
func (a *API) attendeeQuiz(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	quiz, parts, attempts, err := a.Store.AttendeeQuiz(r.Context(), at.CodelabID, at.ID)
	if err != nil {
		return err
	}
	// This view never holds answers, not even revealed ones of past
	// attempts: those come only in the POST response after submitting.
	for i := range attempts {
		for j := range attempts[i].Results {
			attempts[i].Results[j].Answers, attempts[i].Results[j].Accept = nil, nil
		}
	}
	qs := make([]publicQuestion, len(quiz.Questions))
	for i, q := range quiz.Questions {
		qs[i] = publicQuestion{ID: q.ID, Prompt: q.Prompt, Kind: q.Kind, Options: q.Options, Step: q.Step}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"pass_percent": quiz.PassPercent, "retries": quiz.Retries, "questions": qs, "parts": parts, "attempts": attempts,
	})
}

type attemptIn struct {
	Step    json.RawMessage       `json:"step"`
	Answers []model.AttemptAnswer `json:"answers"`
}

// quizAttempt grades an attempt on the server: POST .../quiz/attempts.
// Whatever score or pass flag the client sends is not even decoded.
func (a *API) quizAttempt(w http.ResponseWriter, r *http.Request) error {
	at, err := a.codelabAttendee(r)
	if err != nil {
		return err
	}
	var in attemptIn
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	op := store.AttemptInput{Answers: in.Answers}
	if s := strings.TrimSpace(string(in.Step)); s != "" {
		op.PartGiven = true
		if s != "null" {
			var n int
			if err := json.Unmarshal(in.Step, &n); err != nil || n < 1 {
				return badRequest("invalid_answer", "step must be null (the final quiz) or a step number.")
			}
			op.Part = &n
		}
	}
	var out model.QuizAttempt
	if _, err := a.runOp(r.Context(), store.QuizAttemptOp(at.CodelabID, person(at), op, &out)); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, out)
}
