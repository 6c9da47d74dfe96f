package model

import "time"

// Poll statuses.
const (
	PollOpen   = "open"
	PollClosed = "closed"
)

// Poll is a live poll of a codelab: a question with 2-10 options that the
// facilitator opened, closed or whose results they showed to the room.
type Poll struct {
	ID           string     `json:"id"`
	CodelabID    string     `json:"codelab_id"`
	PreparedID   string     `json:"prepared_id,omitempty"`
	Question     string     `json:"question"`
	Options      []string   `json:"options"`
	Status       string     `json:"status"`
	ResultsShown bool       `json:"results_shown"`
	StartedAt    time.Time  `json:"started_at"`
	ClosedAt     *time.Time `json:"closed_at,omitempty"`
}

// PollResults are a poll's answer counts, one per option, computed by the
// server; Total is the number of attendees who answered.
type PollResults struct {
	Counts []int `json:"counts"`
	Total  int   `json:"total"`
}

// PollView is a poll as one reader sees it: the facilitator always gets
// Results; an attendee gets them only while the facilitator shows them,
// and MyAnswer (their option, or nil).
type PollView struct {
	Poll
	Results  *PollResults `json:"results,omitempty"`
	MyAnswer *int         `json:"my_answer,omitempty"`
}
