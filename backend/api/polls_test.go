package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// pollURL is the facilitator's polls path of the lab.
func (l *loopLab) pollURL(rest string) string { return "/api/admin/codelabs/" + l.id + "/polls" + rest }

// nothingStored checks the codelab still has no poll at all.
func (l *loopLab) nothingStored(after string) {
	l.t.Helper()
	scenario{name: "nothing stored after " + after, method: "GET", url: l.pollURL(""), admin: true, wantStatus: 200,
		wantIn: []string{`"polls":[]`}}.run(l.t, l.api)
}

func TestPollRefusesBadPolls(t *testing.T) {
	l := newLoopLab(t, "")
	ann := l.mustRegister("Ann")
	eleven := `["1","2","3","4","5","6","7","8","9","10","11"]`
	for _, sc := range []scenario{
		{name: "empty poll", body: `{}`, wantStatus: 400, wantIn: []string{"empty_question"}},
		{name: "blank question", body: `{"question":"   ","options":["a","b"]}`, wantStatus: 400, wantIn: []string{"empty_question"}},
		{name: "no options", body: `{"question":"Tea?"}`, wantStatus: 400, wantIn: []string{"too_few_options"}},
		{name: "one option", body: `{"question":"Tea?","options":["Yes"]}`, wantStatus: 400, wantIn: []string{"too_few_options", "at least 2"}},
		{name: "duplicate options", body: `{"question":"Tea?","options":["Yes"," yes ","No"]}`, wantStatus: 400, wantIn: []string{"duplicate_option", "1 and 2"}},
		{name: "empty option", body: `{"question":"Tea?","options":["Yes",""]}`, wantStatus: 400, wantIn: []string{"empty_option"}},
		{name: "eleven options", body: `{"question":"Tea?","options":` + eleven + `}`, wantStatus: 400, wantIn: []string{"too_many_options"}},
		{name: "question too long", body: `{"question":"` + strings.Repeat("q", 301) + `","options":["a","b"]}`, wantStatus: 400, wantIn: []string{"invalid_question"}},
		{name: "both prepared and own", body: `{"prepared_id":"x","question":"Tea?","options":["a","b"]}`, wantStatus: 400, wantIn: []string{"invalid_poll"}},
		{name: "unknown prepared poll", body: `{"prepared_id":"nope"}`, wantStatus: 404, wantIn: []string{"prepared_poll_not_found"}},
		{name: "not JSON", body: `question=Tea`, wantStatus: 400},
		{name: "attendee cannot start", token: ann, body: `{"question":"Tea?","options":["a","b"]}`, wantStatus: 401},
		{name: "unknown codelab", url: "/api/admin/codelabs/nope/polls", body: `{"question":"Tea?","options":["a","b"]}`, wantStatus: 404},
	} {
		sc.method, sc.admin = "POST", sc.token == ""
		if sc.url == "" {
			sc.url = l.pollURL("")
		}
		sc.run(t, l.api)
		l.nothingStored(sc.name)
	}
}

func TestPollLifecycleAndAnswers(t *testing.T) {
	l := newLoopLab(t, "")
	ann, annID := l.register("Ann")
	bob := l.mustRegister("Bob")
	eve := l.stranger()
	var p struct {
		ID      string
		Status  string
		Results struct{ Counts []int }
	}
	l.jsonOf(scenario{name: "start", method: "POST", url: l.pollURL(""), admin: true, wantStatus: 201,
		body:   `{"question":" Which editor? ","options":["Vim","Emacs","VS Code"]}`,
		wantIn: []string{`"question":"Which editor?"`, `"status":"open"`, `"counts":[0,0,0]`}}, &p)
	scenario{name: "second open poll", method: "POST", url: l.pollURL(""), admin: true, wantStatus: 409,
		body: `{"question":"Tea?","options":["a","b"]}`, wantIn: []string{"poll_already_open"}}.run(t, l.api)

	answer := "/api/codelabs/" + l.id + "/polls/" + p.ID + "/answer"
	results := func(name string, want string) {
		t.Helper()
		scenario{name: name, method: "GET", url: l.pollURL(""), admin: true, wantStatus: 200, wantIn: []string{want}}.run(t, l.api)
	}
	for _, sc := range []scenario{
		{name: "index out of range", token: ann, body: `{"option":3}`, wantStatus: 400, wantIn: []string{"invalid_option"}},
		{name: "negative index", token: ann, body: `{"option":-1}`, wantStatus: 400, wantIn: []string{"invalid_option"}},
		{name: "no option", token: ann, body: `{}`, wantStatus: 400, wantIn: []string{"invalid_option"}},
		{name: "option not a number", token: ann, body: `{"option":"1"}`, wantStatus: 400},
		{name: "no token", body: `{"option":0}`, wantStatus: 401},
		{name: "facilitator is not an attendee", admin: true, body: `{"option":0}`, wantStatus: 401},
		{name: "another codelab's attendee", token: eve, body: `{"option":0}`, wantStatus: 403, wantIn: []string{"wrong_codelab"}},
		{name: "unknown poll", token: ann, url: "/api/codelabs/" + l.id + "/polls/nope/answer", body: `{"option":0}`, wantStatus: 404, wantIn: []string{"poll_not_found"}},
	} {
		sc.method = "POST"
		if sc.url == "" {
			sc.url = answer
		}
		sc.run(t, l.api)
		results("no answer stored after "+sc.name, `"counts":[0,0,0],"total":0`)
	}

	// Eve answers this poll through her own codelab's path: still not hers.
	scenario{name: "poll of another codelab", method: "POST", token: eve, wantStatus: 404, wantIn: []string{"poll_not_found"},
		url: strings.Replace(answer, l.id, eveCodelab(t, l, eve), 1), body: `{"option":0}`}.run(t, l.api)

	scenario{name: "Ann answers", method: "POST", url: answer, token: ann, body: `{"option":2}`, wantStatus: 200}.run(t, l.api)
	scenario{name: "Ann changes her answer", method: "POST", url: answer, token: ann, body: `{"option":1}`, wantStatus: 200}.run(t, l.api)
	scenario{name: "Bob answers", method: "POST", url: answer, token: bob, body: `{"option":1}`, wantStatus: 200}.run(t, l.api)
	results("one answer each", `"counts":[0,2,0],"total":2`)
	scenario{name: "attendee sees own answer, no results yet", method: "GET", url: "/api/codelabs/" + l.id + "/polls", token: ann,
		wantStatus: 200, wantIn: []string{`"my_answer":1`}, wantNotIn: []string{`"counts"`}}.run(t, l.api)

	scenario{name: "close", method: "POST", url: l.pollURL("/" + p.ID + "/close"), admin: true, wantStatus: 200,
		wantIn: []string{`"status":"closed"`, `"closed_at"`}}.run(t, l.api)
	scenario{name: "close again", method: "POST", url: l.pollURL("/" + p.ID + "/close"), admin: true, wantStatus: 409,
		wantIn: []string{"poll_closed"}}.run(t, l.api)
	scenario{name: "answer to a closed poll", method: "POST", url: answer, token: bob, body: `{"option":0}`, wantStatus: 409,
		wantIn: []string{"poll_closed"}}.run(t, l.api)
	results("closed poll unchanged", `"counts":[0,2,0],"total":2`)
	scenario{name: "unknown action", method: "POST", url: l.pollURL("/" + p.ID + "/explode"), admin: true, wantStatus: 404}.run(t, l.api)
	scenario{name: "show results", method: "POST", url: l.pollURL("/" + p.ID + "/show-results"), admin: true, wantStatus: 200,
		wantIn: []string{`"results_shown":true`}}.run(t, l.api)
	scenario{name: "attendee sees results", method: "GET", url: "/api/codelabs/" + l.id + "/polls", token: bob,
		wantStatus: 200, wantIn: []string{`"counts":[0,2,0]`, `"my_answer":1`}}.run(t, l.api)
	scenario{name: "reopen", method: "POST", url: l.pollURL("/" + p.ID + "/reopen"), admin: true, wantStatus: 200,
		wantIn: []string{`"status":"open"`}, wantNotIn: []string{"closed_at"}}.run(t, l.api)
	scenario{name: "answers again after reopening", method: "POST", url: answer, token: bob, body: `{"option":0}`, wantStatus: 200}.run(t, l.api)
	results("Bob changed", `"counts":[1,1,0],"total":2`)

	var audit struct {
		Entries []struct {
			Action   string `json:"action"`
			TargetID string `json:"target_id"`
		} `json:"entries"`
	}
	l.jsonOf(scenario{name: "audit", method: "GET", url: "/api/admin/audit?codelab=" + l.id + "&format=json", admin: true, wantStatus: 200}, &audit)
	got := map[string]int{}
	for _, e := range audit.Entries {
		if e.TargetID == p.ID {
			got[e.Action]++
		}
	}
	if got["poll.start"] != 1 || got["poll.close"] != 1 || got["poll.reopen"] != 1 {
		t.Errorf("audit: got %v, want one poll.start, poll.close and poll.reopen", got)
	}

	// Removing an attendee removes their answer from the counts.
	if _, err := l.st.ApplyOp(context.Background(), store.RemoveAttendeeOp(l.id, annID, false)); err != nil {
		t.Fatal(err)
	}
	results("Ann's answer gone", `"counts":[1,0,0],"total":1`)
}

// eveCodelab is the codelab of the stranger's token.
func eveCodelab(t *testing.T, l *loopLab, token string) string {
	t.Helper()
	var me struct {
		CodelabID string `json:"codelab_id"`
	}
	if err := json.Unmarshal(l.get("/api/me", token).Body.Bytes(), &me); err != nil || me.CodelabID == "" {
		t.Fatalf("me: %v %q", err, me.CodelabID)
	}
	return me.CodelabID
}

func TestPreparedPolls(t *testing.T) {
	l := newLoopLab(t, "")
	url := "/api/admin/codelabs/" + l.id + "/prepared-polls"
	for _, sc := range []scenario{
		{name: "no list", body: `{}`, wantStatus: 400, wantIn: []string{"invalid_field"}},
		{name: "one option", body: `{"polls":[{"question":"Q","options":["a"]}]}`, wantStatus: 400, wantIn: []string{"too_few_options", "Prepared poll 1"}},
		{name: "duplicates", body: `{"polls":[{"question":"Q","options":["a","b"]},{"question":"R","options":["x","X"]}]}`, wantStatus: 400, wantIn: []string{"duplicate_option", "Prepared poll 2"}},
		{name: "step out of range", body: `{"polls":[{"question":"Q","options":["a","b"],"step":4}]}`, wantStatus: 400, wantIn: []string{"invalid_step"}},
	} {
		sc.method, sc.admin, sc.url = "PUT", true, url
		sc.run(t, l.api)
		scenario{name: "unchanged after " + sc.name, method: "GET", url: url, admin: true, wantStatus: 200, wantIn: []string{`"polls":[]`}}.run(t, l.api)
	}
	var out struct {
		Polls []struct {
			ID       string
			Position int
		}
	}
	l.jsonOf(scenario{name: "save", method: "PUT", url: url, admin: true, wantStatus: 200,
		body: `{"polls":[{"question":"Ready?","options":["Yes","Not yet"],"step":1},{"question":"Pace?","options":["Slow","Fine","Fast"]}]}`}, &out)
	if len(out.Polls) != 2 || out.Polls[1].Position != 2 {
		t.Fatalf("save: got %+v, want 2 polls in order", out.Polls)
	}
	keep := out.Polls[1].ID
	l.jsonOf(scenario{name: "reorder keeps ids", method: "PUT", url: url, admin: true, wantStatus: 200,
		body: `{"polls":[{"id":"` + keep + `","question":"Pace?","options":["Slow","Fine","Fast"]}]}`}, &out)
	if len(out.Polls) != 1 || out.Polls[0].ID != keep {
		t.Fatalf("reorder: got %+v, want id %s kept", out.Polls, keep)
	}
	scenario{name: "start a prepared poll", method: "POST", url: l.pollURL(""), admin: true, wantStatus: 201,
		body: `{"prepared_id":"` + keep + `"}`, wantIn: []string{`"question":"Pace?"`, `"prepared_id":"` + keep + `"`, `"counts":[0,0,0]`}}.run(t, l.api)
}

func TestNewSessionArchivesPolls(t *testing.T) {
	l := newLoopLab(t, "")
	ann := l.mustRegister("Ann")
	var p struct{ ID string }
	l.jsonOf(scenario{name: "start", method: "POST", url: l.pollURL(""), admin: true, wantStatus: 201,
		body: `{"question":"Tea or coffee?","options":["Tea","Coffee"]}`}, &p)
	scenario{name: "answer", method: "POST", url: "/api/codelabs/" + l.id + "/polls/" + p.ID + "/answer", token: ann,
		body: `{"option":1}`, wantStatus: 200}.run(t, l.api)
	var s model.Session
	if _, err := l.st.ApplyOp(context.Background(), store.StartSessionOp(l.id, "Afternoon", &s)); err != nil {
		t.Fatal(err)
	}
	l.nothingStored("a new session")
	sessions, err := l.st.Sessions(context.Background(), l.id)
	if err != nil || len(sessions) != 2 {
		t.Fatalf("sessions: got %v (%v), want the new and the archived one", sessions, err)
	}
	old, err := l.st.Session(context.Background(), l.id, sessions[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(old.Results); !strings.Contains(got, `"question":"Tea or coffee?"`) || !strings.Contains(got, `"option":1`) {
		t.Errorf("archive results: got %s, want the poll with its answer", got)
	}
}
