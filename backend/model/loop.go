package model

import "time"

// Quiz kinds.
const (
	QuizSingle = "single"
	QuizMulti  = "multi"
	QuizText   = "text"
)

// Quiz is a codelab's questions with its settings. Step nil is the final
// quiz; Step N is the checkpoint at the end of step N.
type Quiz struct {
	PassPercent int            `json:"pass_percent"`
	Retries     bool           `json:"retries"`
	Questions   []QuizQuestion `json:"questions"`
	UpdatedAt   time.Time      `json:"updated_at"`
}

// QuizQuestion is one question with its answers (indices into Options)
// or, for text questions, the accepted answers.
type QuizQuestion struct {
	ID      string   `json:"id"`
	Prompt  string   `json:"prompt"`
	Kind    string   `json:"kind"`
	Options []string `json:"options"`
	Answers []int    `json:"answers"`
	Accept  []string `json:"accept"`
	Step    *int     `json:"step"`
}

// RaffleDraw is one stored draw.
type RaffleDraw struct {
	ID              string    `json:"id"`
	Winner          Person    `json:"winner"`
	Among           string    `json:"among"`
	ExcludePrevious bool      `json:"exclude_previous"`
	Eligible        int       `json:"eligible"`
	At              time.Time `json:"at"`
}
