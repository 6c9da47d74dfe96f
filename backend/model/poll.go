package model

import "time"

// Poll is a prepared poll of a codelab (codelab_polls), from an imported
// claat survey or Google Docs survey table, or written in the editor. The
// facilitator starts a LivePoll from it.
type Poll struct {
	ID       string   `json:"id"`
	Position int      `json:"position"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
	Step     int      `json:"step"`
}

// Live poll statuses.
const (
	PollOpen   = "open"
	PollClosed = "closed"
)

// LivePoll is a poll asked in a live workshop: a question with 2-10
// options that the facilitator opened, closed or whose results they showed
// to the room.
type LivePoll struct {
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

// PollResults are a live poll's answer counts, one per option, computed by
// the server; Total is the number of attendees who answered.
type PollResults struct {
	Counts []int `json:"counts"`
	Total  int   `json:"total"`
}

// LivePollView is a live poll as one reader sees it: the facilitator
// always gets Results; an attendee gets them only while the facilitator
// shows them, and MyAnswer (their option, or nil).
type LivePollView struct {
	LivePoll
	Results  *PollResults `json:"results,omitempty"`
	MyAnswer *int         `json:"my_answer,omitempty"`
}
