// Package model holds the plain data types shared by the store, the API, the
// importers and the realtime hub. It imports nothing internal.
package model

import "time"

// Codelab is one workshop's content and settings.
type Codelab struct {
	ID              string    `json:"id"`
	Title           string    `json:"title"`
	Description     string    `json:"description"`
	Author          string    `json:"author"`
	DurationMinutes int       `json:"duration_minutes"`
	Tags            []string  `json:"tags"`
	IsPublic        bool      `json:"is_public"`
	AccessCode      string    `json:"access_code,omitempty"`
	GuideMarkdown   string    `json:"guide_markdown"`
	QuizEnabled     bool      `json:"quiz_enabled"`
	RequireQuiz     bool      `json:"require_quiz"`
	RequireFeedback bool      `json:"require_feedback"`
	RequireSubmit   bool      `json:"require_submission"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
	StepCount       int       `json:"step_count"`
	Steps           []Step    `json:"steps,omitempty"`

	// Workshop loop settings (docs/api.md "Workshop loop").
	SubmissionMaxFileBytes  int64 `json:"submission_max_file_bytes"`
	SubmissionMaxTotalBytes int64 `json:"submission_max_total_bytes"`
	Closed                  bool  `json:"closed"`
	// FeedbackURL is claat's "feedback link", shown to attendees as
	// "Report a mistake" (empty when there is none).
	FeedbackURL string `json:"feedback_url,omitempty"`
	// Language is the workshop's default language for attendees (a shipped
	// locale tag, or "" to follow each browser); see docs/api.md.
	Language string `json:"language"`
}

// Step is one page of a codelab. Number is 1-based and dense.
type Step struct {
	Number          int    `json:"number"`
	Title           string `json:"title"`
	DurationMinutes int    `json:"duration_minutes"`
	Markdown        string `json:"markdown,omitempty"`
	HTML            string `json:"html,omitempty"`
	// Hidden steps are kept for the facilitator but not sent to attendees
	// (claat steps of another environment than the one imported).
	Hidden bool `json:"hidden,omitempty"`
	// Environments is claat's per-step "Environment:" list, lower case.
	Environments []string `json:"environments,omitempty"`
}

// Attendee is a person registered in one codelab.
type Attendee struct {
	ID             string    `json:"id"`
	CodelabID      string    `json:"codelab_id"`
	Name           string    `json:"name"`
	CurrentStep    int       `json:"current_step"`
	CompletedSteps []int     `json:"completed_steps"`
	StepStartedAt  time.Time `json:"step_started_at"`
	CreatedAt      time.Time `json:"created_at"`
	Online         bool      `json:"online"`
}

// Person names who did something in a live workshop: an attendee, or the
// facilitator (ID "admin").
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Role is "helper" for a teaching assistant and empty otherwise, so a
	// client can tell a helper's DM from another attendee's.
	Role string `json:"role,omitempty"`
}

// HelpRequest is an attendee's open request for help; Position is its
// 1-based rank in the codelab's queue of open requests.
type HelpRequest struct {
	ID        string    `json:"id"`
	Attendee  Person    `json:"attendee"`
	Step      int       `json:"step"`
	CreatedAt time.Time `json:"created_at"`
	Position  int       `json:"position"`
	// ClaimedBy is who said they are on the way (a helper), or nil.
	ClaimedBy *Person `json:"claimed_by"`
}
