// Package report computes the workshop report of one session from what the
// store kept of it (attendees, their step changes, help, chat, quiz and
// feedback). It is pure: the same session always gives the same report.
package report

import (
	"encoding/json"
	"slices"
	"sort"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

// StuckFloor and StuckFactor are the dashboard's stuck rule
// (frontend/src/lib/utils/dashboard-rules.ts): over 3 minutes on a step and
// over twice the median time of those who passed it (the step's estimate
// when nobody did).
const (
	StuckFloor  = 3 * time.Minute
	StuckFactor = 2
)

// Input is everything a report is computed from.
type Input struct {
	Codelab model.Codelab       // with its steps
	Session model.SessionDetail // live or archived
	Quiz    *model.Quiz         // for question prompts; nil without a quiz
	Now     time.Time           // the end of a session still running
}

// Build computes the report.
func Build(in Input) model.Report {
	steps := visibleSteps(in.Codelab.Steps)
	d := in.Session
	from, to := span(d, in.Now)
	r := model.Report{
		Codelab: model.ReportCodelab{ID: in.Codelab.ID, Title: in.Codelab.Title},
		Session: d.Session, From: from, To: to,
		TimesKnown: len(d.Progress) > 0 || len(d.Attendees) == 0,
	}
	r.BucketMinutes = bucketMinutes(to.Sub(from))
	res := results(d.Results)

	r.Steps = make([]model.ReportStep, len(steps))
	for i, s := range steps {
		r.Steps[i] = model.ReportStep{Number: i + 1, Title: s.Title, EstimateMinutes: s.DurationMinutes}
	}
	timeline := timelines(d, to)
	onStep := make([][]time.Duration, len(steps)) // passed attendees' times per step
	for _, a := range d.Attendees {
		tl := timeline[a.ID]
		top := reached(a, tl)
		if len(steps) > 0 && top >= len(steps) && slices.Contains(a.CompletedSteps, len(steps)) {
			r.Summary.FinishedAllSteps++
		}
		for n := 1; n <= min(top, len(steps)); n++ {
			r.Steps[n-1].Reached++
		}
		for n, dur := range tl.passed {
			if n >= 1 && n <= len(steps) {
				r.Steps[n-1].Passed++
				onStep[n-1] = append(onStep[n-1], dur)
			}
		}
	}
	for i := range r.Steps {
		st := &r.Steps[i]
		st.MedianSec, st.SlowestSec = seconds(median(onStep[i])), seconds(maxDur(onStep[i]))
		ref := time.Duration(st.EstimateMinutes) * time.Minute
		if len(onStep[i]) > 0 {
			ref = median(onStep[i])
		}
		if ref <= 0 {
			continue
		}
		limit := max(StuckFloor, StuckFactor*ref)
		for _, a := range d.Attendees {
			if timeline[a.ID].longest[i+1] > limit {
				st.Stuck++
			}
		}
	}
	helpByStep(&r, d.Help)
	r.Attendance, r.Chat = buckets(d, from, to, r.BucketMinutes)
	r.Summary.Attendees = len(d.Attendees)
	r.Summary.ChatMessages = countChat(d.Messages)
	r.Summary.Certificates = len(res.Certificates)
	r.Quiz, r.Summary.QuizAttempts, r.Summary.QuizPassed = quizStats(in.Quiz, res)
	r.Feedback = feedback(res)
	r.HardestStep = hardest(r.Steps)
	return r
}

func visibleSteps(all []model.Step) []model.Step {
	out := make([]model.Step, 0, len(all))
	for _, s := range all {
		if !s.Hidden {
			out = append(out, s)
		}
	}
	return out
}

// span is the session's time range: from its start (or its first
// attendee) to its end (or now).
func span(d model.SessionDetail, now time.Time) (time.Time, time.Time) {
	from := d.StartedAt
	for _, a := range d.Attendees {
		if from.IsZero() || a.CreatedAt.Before(from) {
			from = a.CreatedAt
		}
	}
	to := now
	if d.EndedAt != nil {
		to = *d.EndedAt
	}
	if from.IsZero() || to.Before(from) {
		from = to
	}
	return from, to
}

// bucketMinutes picks a round slice width giving at most 30 slices.
func bucketMinutes(total time.Duration) int {
	for _, m := range []int{1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440} {
		if total <= time.Duration(30*m)*time.Minute {
			return m
		}
	}
	return 10080
}

// timeline is one attendee's time per step.
type timeline struct {
	passed  map[int]time.Duration // steps left forward: total time spent on each
	longest map[int]time.Duration // every step's time, including the one still open
	top     int
}

// timelines replays each attendee's step changes from registration (on
// step 1) to the session's end.
func timelines(d model.SessionDetail, end time.Time) map[string]timeline {
	points := map[string][]model.ProgressPoint{}
	for _, p := range d.Progress {
		points[p.AttendeeID] = append(points[p.AttendeeID], p)
	}
	out := map[string]timeline{}
	for _, a := range d.Attendees {
		ps := points[a.ID]
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].At.Before(ps[j].At) })
		tl := timeline{passed: map[int]time.Duration{}, longest: map[int]time.Duration{}, top: 1}
		step, since := 1, a.CreatedAt
		spent := map[int]time.Duration{}
		for _, p := range ps {
			if p.Step == step || p.At.Before(since) {
				continue
			}
			spent[step] += p.At.Sub(since)
			if p.Step > step { // left forward; a skipped step has no time to count
				tl.passed[step] = spent[step]
			}
			step, since = p.Step, p.At
			tl.top = max(tl.top, step)
		}
		if len(ps) > 0 || a.CurrentStep <= 1 {
			spent[step] += end.Sub(since)
		}
		tl.longest = spent
		out[a.ID] = tl
	}
	return out
}

// reached is the furthest step an attendee saw.
func reached(a model.Attendee, tl timeline) int {
	top := max(tl.top, a.CurrentStep)
	for _, n := range a.CompletedSteps {
		top = max(top, n)
	}
	return top
}

func helpByStep(r *model.Report, help []model.SessionHelp) {
	waits := make([][]time.Duration, len(r.Steps))
	var all []time.Duration
	for _, h := range help {
		r.Summary.HelpRequests++
		var wait time.Duration = -1
		if h.ResolvedAt != nil {
			r.Summary.HelpResolved++
			wait = h.ResolvedAt.Sub(h.CreatedAt)
			all = append(all, wait)
		}
		if h.Step >= 1 && h.Step <= len(r.Steps) {
			r.Steps[h.Step-1].HelpRequests++
			if wait >= 0 {
				waits[h.Step-1] = append(waits[h.Step-1], wait)
			}
		}
	}
	for i := range r.Steps {
		r.Steps[i].MedianHelpWaitSec = seconds(median(waits[i]))
	}
	r.Summary.MedianHelpWaitSec = seconds(median(all))
}

// frame is the part of a logged message the report reads.
type frame struct {
	Type string    `json:"type"`
	At   time.Time `json:"at"`
	From struct {
		ID string `json:"id"`
	} `json:"from"`
}

func countChat(msgs []json.RawMessage) int {
	n := 0
	for _, m := range msgs {
		var f frame
		if json.Unmarshal(m, &f) == nil && f.Type == "chat" {
			n++
		}
	}
	return n
}

// buckets slices the session: attendees joined so far and active ones
// (registered, moved a step, wrote or asked for help in the slice), and
// chat messages per slice.
func buckets(d model.SessionDetail, from, to time.Time, minutes int) (attendance, chat []model.ReportBucket) {
	width := time.Duration(minutes) * time.Minute
	n := int(to.Sub(from)/width) + 1
	attendance, chat = make([]model.ReportBucket, n), make([]model.ReportBucket, n)
	active := make([]map[string]bool, n)
	for i := range n {
		at := from.Add(time.Duration(i) * width)
		attendance[i].At, chat[i].At, active[i] = at, at, map[string]bool{}
	}
	slot := func(t time.Time) int { return min(max(int(t.Sub(from)/width), 0), n-1) }
	for _, a := range d.Attendees {
		for i := slot(a.CreatedAt); i < n; i++ {
			attendance[i].Count++
		}
		active[slot(a.CreatedAt)][a.ID] = true
	}
	for _, p := range d.Progress {
		active[slot(p.At)][p.AttendeeID] = true
	}
	for _, h := range d.Help {
		active[slot(h.CreatedAt)][h.Attendee.ID] = true
	}
	for _, m := range d.Messages {
		var f frame
		if json.Unmarshal(m, &f) != nil || f.Type != "chat" {
			continue
		}
		chat[slot(f.At)].Count++
		if f.From.ID != "admin" {
			active[slot(f.At)][f.From.ID] = true
		}
	}
	for i := range attendance {
		attendance[i].Active = len(active[i])
	}
	return attendance, chat
}

func results(raw json.RawMessage) model.SessionResults {
	var res model.SessionResults
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &res) // an archive without results reports none
	}
	return res
}

// quizStats counts right answers per question over all attempts.
func quizStats(q *model.Quiz, res model.SessionResults) ([]model.QuestionStat, int, int) {
	out := []model.QuestionStat{}
	idx := map[string]int{}
	if q != nil {
		for _, qq := range q.Questions {
			idx[qq.ID] = len(out)
			out = append(out, model.QuestionStat{QuestionID: qq.ID, Prompt: qq.Prompt, Step: qq.Step})
		}
	}
	passed := map[string]bool{}
	for _, a := range res.QuizAttempts {
		if a.Passed {
			passed[a.AttendeeID] = true
		}
		var rs []model.QuizResult
		_ = json.Unmarshal(a.Results, &rs)
		for _, r := range rs {
			i, ok := idx[r.QuestionID]
			if !ok { // a question since deleted: still counted, named by id
				i = len(out)
				idx[r.QuestionID] = i
				out = append(out, model.QuestionStat{QuestionID: r.QuestionID, Prompt: r.QuestionID})
			}
			out[i].Answered++
			if r.Correct {
				out[i].Correct++
			}
		}
	}
	for i := range out {
		if out[i].Answered > 0 {
			out[i].CorrectShare = float64(out[i].Correct) / float64(out[i].Answered)
		}
	}
	return out, len(res.QuizAttempts), len(passed)
}

func feedback(res model.SessionResults) model.ReportFeedback {
	f := model.ReportFeedback{Count: len(res.Feedback), Comments: []string{}}
	if f.Count == 0 {
		return f
	}
	var sat, diff float64
	for _, fb := range res.Feedback {
		sat += float64(fb.Satisfaction)
		diff += float64(fb.Difficulty)
		if fb.Comment != "" {
			f.Comments = append(f.Comments, fb.Comment)
		}
	}
	s, d := sat/float64(f.Count), diff/float64(f.Count)
	f.SatisfactionAvg, f.DifficultyAvg = &s, &d
	return f
}

// hardest is the step with the most stuck marks and help requests (ties:
// the earlier step); nil when nobody was stuck or asked.
func hardest(steps []model.ReportStep) *int {
	var best *int
	score := 0
	for _, s := range steps {
		if v := s.Stuck + s.HelpRequests; v > score {
			n := s.Number
			best, score = &n, v
		}
	}
	return best
}

func median(xs []time.Duration) time.Duration {
	if len(xs) == 0 {
		return -1
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

func maxDur(xs []time.Duration) time.Duration {
	if len(xs) == 0 {
		return -1
	}
	return slices.Max(xs)
}

// seconds is d in seconds, nil for "no figure" (negative).
func seconds(d time.Duration) *float64 {
	if d < 0 {
		return nil
	}
	v := d.Seconds()
	return &v
}
