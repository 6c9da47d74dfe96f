package model

import (
	"encoding/json"
	"time"
)

// ProgressPoint is one step change of an attendee, as the event log has it.
type ProgressPoint struct {
	AttendeeID string    `json:"attendee_id"`
	Step       int       `json:"step"`
	At         time.Time `json:"at"`
}

// SessionResults are the workshop loop's rows of a session as its archive
// keeps them (the "results" object of SessionDetail).
type SessionResults struct {
	QuizAttempts []struct {
		AttendeeID   string          `json:"attendee_id"`
		Step         *int            `json:"step"`
		ScorePercent int             `json:"score_percent"`
		Passed       bool            `json:"passed"`
		Results      json.RawMessage `json:"results"`
	} `json:"quiz_attempts"`
	Feedback []struct {
		AttendeeID   string `json:"attendee_id"`
		Satisfaction int    `json:"satisfaction"`
		Difficulty   int    `json:"difficulty"`
		Comment      string `json:"comment"`
	} `json:"feedback"`
	Certificates []struct {
		AttendeeID string `json:"attendee_id"`
	} `json:"certificates"`
}

// Report is the workshop report of one session of a codelab: what a
// facilitator reads afterwards to decide which step to rewrite.
type Report struct {
	Codelab       ReportCodelab  `json:"codelab"`
	Session       Session        `json:"session"`
	From          time.Time      `json:"from"`
	To            time.Time      `json:"to"`
	BucketMinutes int            `json:"bucket_minutes"`
	Summary       ReportSummary  `json:"summary"`
	Attendance    []ReportBucket `json:"attendance"`
	Chat          []ReportBucket `json:"chat"`
	Steps         []ReportStep   `json:"steps"`
	Quiz          []QuestionStat `json:"quiz"`
	Feedback      ReportFeedback `json:"feedback"`
	HardestStep   *int           `json:"hardest_step"`
	TimesKnown    bool           `json:"times_known"`
}

// ReportCodelab names the codelab a report is about.
type ReportCodelab struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// ReportSummary is the report's headline figures.
type ReportSummary struct {
	Attendees         int      `json:"attendees"`
	FinishedAllSteps  int      `json:"finished_all_steps"`
	Certificates      int      `json:"certificates"`
	ChatMessages      int      `json:"chat_messages"`
	HelpRequests      int      `json:"help_requests"`
	HelpResolved      int      `json:"help_resolved"`
	MedianHelpWaitSec *float64 `json:"median_help_wait_seconds"`
	QuizAttempts      int      `json:"quiz_attempts"`
	QuizPassed        int      `json:"quiz_passed_attendees"`
}

// ReportBucket is one time slice of a chart: At is its start.
type ReportBucket struct {
	At     time.Time `json:"at"`
	Count  int       `json:"count"`            // chat: messages; attendance: joined so far
	Active int       `json:"active,omitempty"` // attendance: attendees who did anything in the slice
}

// ReportStep is one step's row: the funnel, the time spent and where
// people got stuck.
type ReportStep struct {
	Number            int      `json:"number"`
	Title             string   `json:"title"`
	EstimateMinutes   int      `json:"estimate_minutes"`
	Reached           int      `json:"reached"`
	Passed            int      `json:"passed"`
	MedianSec         *float64 `json:"median_seconds"`
	SlowestSec        *float64 `json:"slowest_seconds"`
	Stuck             int      `json:"stuck"`
	HelpRequests      int      `json:"help_requests"`
	MedianHelpWaitSec *float64 `json:"median_help_wait_seconds"`
}

// ReportFeedback is the feedback's averages (1–5) and comments, without names.
type ReportFeedback struct {
	Count           int      `json:"count"`
	SatisfactionAvg *float64 `json:"satisfaction_avg"`
	DifficultyAvg   *float64 `json:"difficulty_avg"`
	Comments        []string `json:"comments"`
}
