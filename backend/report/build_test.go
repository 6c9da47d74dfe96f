package report

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func chat(from string, min int) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"type": "chat", "at": at(min), "from": map[string]string{"id": from}, "text": "hi"})
	return b
}

// A session of three attendees over 60 minutes on a three-step codelab:
// ann passes steps 1 and 2 in 5 and 10 minutes, bob takes 5 and 40 on step 2
// (stuck: over 3 min and over twice the median), cy stays on step 1.
func session() Input {
	end := at(60)
	resolved := at(22)
	results := `{"quiz_attempts":[{"attendee_id":"ann","passed":true,"score_percent":100,"results":[{"question_id":"q1","correct":true}]},
		{"attendee_id":"bob","passed":false,"score_percent":0,"results":[{"question_id":"q1","correct":false}]}],
		"feedback":[{"attendee_id":"ann","satisfaction":5,"difficulty":2,"comment":"Step 2 was long"},{"attendee_id":"bob","satisfaction":3,"difficulty":4,"comment":""}],
		"certificates":[{"attendee_id":"ann"}]}`
	return Input{
		Codelab: model.Codelab{ID: "c1", Title: "Go", Steps: []model.Step{
			{Number: 1, Title: "Setup", DurationMinutes: 5}, {Number: 2, Title: "Hidden", Hidden: true},
			{Number: 3, Title: "Code", DurationMinutes: 10}, {Number: 4, Title: "Done", DurationMinutes: 1}}},
		Quiz: &model.Quiz{Questions: []model.QuizQuestion{{ID: "q1", Prompt: "What is Go?"}}},
		Session: model.SessionDetail{
			Session: model.Session{ID: "s1", StartedAt: t0, EndedAt: &end},
			Attendees: []model.Attendee{
				{ID: "ann", CurrentStep: 3, CompletedSteps: []int{1, 2, 3}, CreatedAt: at(0)},
				{ID: "bob", CurrentStep: 3, CompletedSteps: []int{1, 2}, CreatedAt: at(0)},
				{ID: "cy", CurrentStep: 1, CreatedAt: at(10)},
			},
			Progress: []model.ProgressPoint{
				{AttendeeID: "ann", Step: 2, At: at(5)}, {AttendeeID: "ann", Step: 3, At: at(15)},
				{AttendeeID: "bob", Step: 2, At: at(5)}, {AttendeeID: "bob", Step: 3, At: at(45)},
			},
			Help: []model.SessionHelp{
				{Attendee: model.Person{ID: "bob"}, Step: 2, CreatedAt: at(20), ResolvedAt: &resolved},
				{Attendee: model.Person{ID: "cy"}, Step: 1, CreatedAt: at(30)},
			},
			Messages: []json.RawMessage{chat("ann", 1), chat("bob", 2), chat("admin", 31),
				json.RawMessage(`{"type":"announcement","at":"2026-12-01T09:03:00Z"}`)},
			Results: json.RawMessage(results),
		},
	}
}

func TestBuildFunnelTimesAndStuck(t *testing.T) {
	r := Build(session())
	if len(r.Steps) != 3 || r.Steps[1].Title != "Code" {
		t.Fatalf("steps = %+v, want the 3 visible ones", r.Steps)
	}
	wantReached := []int{3, 2, 2}
	for i, s := range r.Steps {
		if s.Reached != wantReached[i] {
			t.Errorf("step %d reached = %d, want %d", i+1, s.Reached, wantReached[i])
		}
	}
	s2 := r.Steps[1]
	if s2.Passed != 2 || *s2.MedianSec != 25*60 || *s2.SlowestSec != 40*60 {
		t.Errorf("step 2 = passed %d median %v slowest %v, want 2, 1500 s, 2400 s", s2.Passed, *s2.MedianSec, *s2.SlowestSec)
	}
	// Step 1: ann and bob passed in 5 min (median 5 min, limit 10 min);
	// cy has been on it for 50 min.
	if r.Steps[0].Stuck != 1 {
		t.Errorf("step 1 stuck = %d, want 1 (cy)", r.Steps[0].Stuck)
	}
	if r.Steps[1].HelpRequests != 1 || *r.Steps[1].MedianHelpWaitSec != 120 {
		t.Errorf("step 2 help = %d wait %v, want 1 and 120 s", r.Steps[1].HelpRequests, r.Steps[1].MedianHelpWaitSec)
	}
	if r.HardestStep == nil || *r.HardestStep != 1 {
		t.Errorf("hardest = %v, want step 1 (1 stuck + 1 help; step 2 has 0 stuck + 1 help)", r.HardestStep)
	}
}

func TestBuildSummaryQuizFeedbackAndBuckets(t *testing.T) {
	r := Build(session())
	s := r.Summary
	if s.Attendees != 3 || s.ChatMessages != 3 || s.HelpRequests != 2 || s.HelpResolved != 1 || s.Certificates != 1 || s.QuizPassed != 1 {
		t.Errorf("summary = %+v", s)
	}
	if len(r.Quiz) != 1 || r.Quiz[0].Answered != 2 || r.Quiz[0].Correct != 1 {
		t.Errorf("quiz = %+v", r.Quiz)
	}
	if r.Feedback.Count != 2 || *r.Feedback.SatisfactionAvg != 4 || *r.Feedback.DifficultyAvg != 3 || len(r.Feedback.Comments) != 1 {
		t.Errorf("feedback = %+v", r.Feedback)
	}
	if r.BucketMinutes != 2 || len(r.Chat) != 31 {
		t.Fatalf("buckets: %d min × %d, want 2 min × 31", r.BucketMinutes, len(r.Chat))
	}
	if r.Chat[0].Count != 1 || r.Chat[1].Count != 1 || r.Chat[15].Count != 1 {
		t.Errorf("chat buckets = %+v", r.Chat[:16])
	}
	if r.Attendance[0].Count != 2 || r.Attendance[5].Count != 3 || r.Attendance[0].Active != 2 {
		t.Errorf("attendance = %+v", r.Attendance[:6])
	}
}

func TestBuildWithoutProgressSaysTimesUnknown(t *testing.T) {
	in := session()
	in.Session.Progress = nil
	r := Build(in)
	if r.TimesKnown {
		t.Error("an archive without step changes must not claim step times")
	}
	if r.Steps[1].MedianSec != nil || r.Steps[1].Reached != 2 {
		t.Errorf("step 2 = %+v: reach comes from the attendees, times are unknown", r.Steps[1])
	}
}
