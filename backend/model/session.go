package model

import (
	"encoding/json"
	"time"
)

// Session is one run of a codelab (a rehearsal, a morning class). The
// current session has no EndedAt; archived ones keep their room in
// SessionDetail.
type Session struct {
	ID            string     `json:"id"`
	CodelabID     string     `json:"codelab_id"`
	Title         string     `json:"title"`
	StartedAt     time.Time  `json:"started_at"`
	EndedAt       *time.Time `json:"ended_at"`
	Current       bool       `json:"current"`
	AttendeeCount int        `json:"attendee_count"`
	ChatCount     int        `json:"chat_count"`
	HelpCount     int        `json:"help_count"`
}

// SessionHelp is one help request of a session, open or resolved.
type SessionHelp struct {
	ID         string     `json:"id"`
	Attendee   Person     `json:"attendee"`
	Step       int        `json:"step"`
	CreatedAt  time.Time  `json:"created_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
}

// SessionDetail is a session with its room: attendees with progress, help
// requests, and the chat, DM and announcement frames as clients got them.
type SessionDetail struct {
	Session
	Attendees []Attendee        `json:"attendees"`
	Help      []SessionHelp     `json:"help"`
	Messages  []json.RawMessage `json:"messages"`
	// Progress is every step change, for the report's time per step
	// (archives written before it existed have none).
	Progress []ProgressPoint `json:"progress,omitempty"`
	// Results are the workshop loop's rows of the session (quiz attempts,
	// feedback, submissions, certificates), kept as the store wrote them.
	Results json.RawMessage `json:"results,omitempty"`
}
