package model

import (
	"time"
)

// QuizResult is the grade of one question in an attempt. Answers or
// Accept are filled only when the attempt reveals the correct answers.
type QuizResult struct {
	QuestionID string   `json:"question_id"`
	Correct    bool     `json:"correct"`
	Answers    []int    `json:"answers,omitempty"`
	Accept     []string `json:"accept,omitempty"`
}

// QuizAttempt is one graded attempt of one quiz part.
type QuizAttempt struct {
	ID           string       `json:"id"`
	Step         *int         `json:"step"`
	ScorePercent int          `json:"score_percent"`
	Passed       bool         `json:"passed"`
	At           time.Time    `json:"at"`
	Results      []QuizResult `json:"results"`
	Reveal       bool         `json:"reveal"`
}

// QuizPart is an attendee's standing in one part (final quiz or a step's
// checkpoint).
type QuizPart struct {
	Step       *int `json:"step"`
	Questions  int  `json:"questions"`
	Attempts   int  `json:"attempts"`
	BestScore  *int `json:"best_score_percent"`
	Passed     bool `json:"passed"`
	CanAttempt bool `json:"can_attempt"`
}

// AttemptAnswer is one answer as the attendee sent it.
type AttemptAnswer struct {
	QuestionID string  `json:"question_id"`
	Choices    []int   `json:"choices,omitempty"`
	Text       *string `json:"text,omitempty"`
}

// QuestionStat is one question's share of correct answers over all attempts.
type QuestionStat struct {
	QuestionID   string  `json:"question_id"`
	Prompt       string  `json:"prompt"`
	Step         *int    `json:"step"`
	Answered     int     `json:"answered"`
	Correct      int     `json:"correct"`
	CorrectShare float64 `json:"correct_share"`
}

// AttendeeQuizStat is one attendee's quiz standing for the dashboard.
type AttendeeQuizStat struct {
	Attendee   Person `json:"attendee"`
	Attempts   int    `json:"attempts"`
	BestScore  *int   `json:"best_score_percent"`
	QuizPassed bool   `json:"quiz_passed"`
}

// QuizStats is the dashboard's view of a codelab's quiz.
type QuizStats struct {
	Questions []QuestionStat     `json:"questions"`
	Attendees []AttendeeQuizStat `json:"attendees"`
}
