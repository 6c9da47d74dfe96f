package model

import (
	"time"
)

// Requirements is an attendee's completion standing.
type Requirements struct {
	Completed     bool            `json:"completed"`
	Missing       []string        `json:"missing"`
	Requires      map[string]bool `json:"requires"`
	CertificateID *string         `json:"certificate_id"`
}

// LoopRow is one attendee's workshop-loop standing for the dashboard.
type LoopRow struct {
	Attendee      Person     `json:"attendee"`
	CompletedAt   *time.Time `json:"completed_at"`
	CertificateID *string    `json:"certificate_id"`
	QuizPassed    bool       `json:"quiz_passed"`
	BestScore     *int       `json:"best_score_percent"`
	Feedback      bool       `json:"feedback"`
	Submissions   int        `json:"submissions"`
}
