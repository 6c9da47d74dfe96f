package model

import (
	"time"
)

// Feedback is one attendee's rating of a codelab.
type Feedback struct {
	Satisfaction int       `json:"satisfaction"`
	Difficulty   int       `json:"difficulty"`
	Comment      string    `json:"comment"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	Attendee     *Person   `json:"attendee,omitempty"`
}

// FeedbackComment is one comment in the facilitator's summary.
type FeedbackComment struct {
	Comment      string    `json:"comment"`
	Satisfaction int       `json:"satisfaction"`
	Difficulty   int       `json:"difficulty"`
	At           time.Time `json:"at"`
	Attendee     *Person   `json:"attendee,omitempty"`
}

// FeedbackSummary is the dashboard's feedback view.
type FeedbackSummary struct {
	Count        int               `json:"count"`
	Averages     map[string]any    `json:"averages"`
	Distribution map[string][5]int `json:"distribution"`
	Comments     []FeedbackComment `json:"comments"`
}
