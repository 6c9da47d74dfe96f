package api_test

import (
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

const goodQuiz = `{"pass_percent":80,"retries":true,"questions":[
 {"prompt":"2+2?","kind":"single","options":["3","4"],"answers":[1],"step":null},
 {"prompt":"Primes?","kind":"multi","options":["2","3","4"],"answers":[0,1],"step":null},
 {"prompt":"Capital of France?","kind":"text","accept":["Paris"],"step":null},
 {"prompt":"Checkpoint two","kind":"single","options":["yes","no"],"answers":[0],"step":2}]}`

type quizOut struct {
	PassPercent int  `json:"pass_percent"`
	Retries     bool `json:"retries"`
	Questions   []struct {
		ID   string
		Kind string
		Step *int
	}
}

func (l *loopLab) putQuiz(body string) quizOut {
	var q quizOut
	l.jsonOf(scenario{name: "put quiz", method: "PUT", url: "/api/admin/codelabs/" + l.id + "/quiz", admin: true, body: body, wantStatus: 200}, &q)
	return q
}

func TestQuizValidationStoresNothing(t *testing.T) {
	l := newLoopLab(t, "")
	url := "/api/admin/codelabs/" + l.id + "/quiz"
	q := func(question string) string { return `{"questions":[` + question + `]}` }
	for _, sc := range []scenario{
		{name: "no questions field", body: `{"pass_percent":80}`},
		{name: "choice without options", body: q(`{"prompt":"p","kind":"single","options":[],"answers":[0]}`)},
		{name: "one option", body: q(`{"prompt":"p","kind":"single","options":["a"],"answers":[0]}`)},
		{name: "empty option", body: q(`{"prompt":"p","kind":"multi","options":["a"," "],"answers":[0]}`)},
		{name: "answer out of range", body: q(`{"prompt":"p","kind":"single","options":["a","b"],"answers":[2]}`)},
		{name: "negative answer", body: q(`{"prompt":"p","kind":"multi","options":["a","b"],"answers":[-1]}`)},
		{name: "no answer", body: q(`{"prompt":"p","kind":"multi","options":["a","b"],"answers":[]}`)},
		{name: "single with two answers", body: q(`{"prompt":"p","kind":"single","options":["a","b"],"answers":[0,1]}`)},
		{name: "duplicate answer", body: q(`{"prompt":"p","kind":"multi","options":["a","b"],"answers":[1,1]}`)},
		{name: "empty prompt", body: q(`{"prompt":"  ","kind":"single","options":["a","b"],"answers":[0]}`)},
		{name: "unknown kind", body: q(`{"prompt":"p","kind":"essay","options":["a","b"],"answers":[0]}`)},
		{name: "text without accept", body: q(`{"prompt":"p","kind":"text","accept":[]}`)},
		{name: "text with blank accept", body: q(`{"prompt":"p","kind":"text","accept":["  "]}`)},
		{name: "step out of range", body: q(`{"prompt":"p","kind":"text","accept":["a"],"step":4}`)},
		{name: "step zero", body: q(`{"prompt":"p","kind":"text","accept":["a"],"step":0}`)},
		{name: "pass over 100", body: `{"pass_percent":101,"questions":[]}`},
		{name: "good then bad", body: `{"questions":[{"prompt":"ok","kind":"text","accept":["a"]},{"prompt":"","kind":"text","accept":["a"]}]}`},
	} {
		sc.method, sc.url, sc.admin, sc.wantStatus = "PUT", url, true, 400
		sc.wantIn = []string{`"invalid_quiz"`}
		sc.run(t, l.api)
	}
	scenario{name: "nothing stored", method: "GET", url: url, admin: true, wantStatus: 200,
		wantIn: []string{`"questions":[]`, `"pass_percent":80`, `"retries":true`}}.run(t, l.api)
	scenario{name: "unknown codelab", method: "PUT", url: "/api/admin/codelabs/nope/quiz", admin: true, body: goodQuiz, wantStatus: 404}.run(t, l.api)
	scenario{name: "attendee token is not admin", method: "PUT", url: url, body: goodQuiz, wantStatus: 401}.run(t, l.api)

	saved := l.putQuiz(goodQuiz)
	if len(saved.Questions) != 4 || saved.Questions[0].ID == "" || saved.Questions[3].Step == nil || *saved.Questions[3].Step != 2 {
		t.Fatalf("saved quiz: got %+v, want 4 questions with ids, the last at step 2", saved)
	}
	scenario{name: "quiz_enabled follows", method: "GET", url: "/api/admin/codelabs/" + l.id, admin: true, wantStatus: 200,
		wantIn: []string{`"quiz_enabled":true`}}.run(t, l.api)
	// Keeping an id keeps the question (stats survive edits); unknown ids get new ones.
	kept := l.putQuiz(`{"questions":[{"id":"` + saved.Questions[2].ID + `","prompt":"Capital?","kind":"text","accept":["Paris"]},
		{"id":"forged-id","prompt":"New","kind":"text","accept":["x"]}]}`)
	if kept.Questions[0].ID != saved.Questions[2].ID || kept.Questions[1].ID == "forged-id" {
		t.Errorf("ids: got %+v, want the first kept and the second new", kept.Questions)
	}
}

func TestAttendeeQuizHidesAnswersAndServerGrades(t *testing.T) {
	l := newLoopLab(t, "")
	saved := l.putQuiz(goodQuiz)
	ann, _ := l.register("Ann")
	stranger := l.stranger()
	qURL := "/api/codelabs/" + l.id + "/quiz"
	aURL := qURL + "/attempts"
	ids := []string{saved.Questions[0].ID, saved.Questions[1].ID, saved.Questions[2].ID, saved.Questions[3].ID}

	for _, sc := range []scenario{
		{name: "attendee view has no answers", method: "GET", url: qURL + "?token=" + ann, wantStatus: 200,
			wantIn:    []string{`"prompt":"2+2?"`, `"options":["3","4"]`, `"kind":"text"`, `"step":2`, `"pass_percent":80`},
			wantNotIn: []string{`"answers"`, `"accept"`, "Paris"}},
		{name: "no token", method: "GET", url: qURL, wantStatus: 401},
		{name: "another codelab's token", method: "GET", url: qURL + "?token=" + stranger, wantStatus: 403, wantIn: []string{"wrong_codelab"}},
		{name: "admin token is not an attendee", method: "GET", url: qURL, admin: true, wantStatus: 401},
		{name: "client score and pass are ignored", method: "POST", url: aURL + "?token=" + ann, wantStatus: 201,
			body:      `{"score_percent":100,"passed":true,"answers":[{"question_id":"` + ids[0] + `","choices":[0]}]}`,
			wantIn:    []string{`"score_percent":0`, `"passed":false`, `"reveal":false`, `"correct":false`},
			wantNotIn: []string{`"correct":true`, "Paris"}},
		{name: "choice out of range", method: "POST", url: aURL + "?token=" + ann, wantStatus: 400, wantIn: []string{"invalid_answer"},
			body: `{"answers":[{"question_id":"` + ids[0] + `","choices":[7]}]}`},
		{name: "unknown question", method: "POST", url: aURL + "?token=" + ann, wantStatus: 400, wantIn: []string{"invalid_answer"},
			body: `{"answers":[{"question_id":"nope","choices":[0]}]}`},
		{name: "same question twice", method: "POST", url: aURL + "?token=" + ann, wantStatus: 400, wantIn: []string{"invalid_answer"},
			body: `{"answers":[{"question_id":"` + ids[0] + `","choices":[1]},{"question_id":"` + ids[0] + `","choices":[1]}]}`},
		{name: "two parts in one attempt", method: "POST", url: aURL + "?token=" + ann, wantStatus: 400, wantIn: []string{"mixed_quiz_parts"},
			body: `{"answers":[{"question_id":"` + ids[0] + `","choices":[1]},{"question_id":"` + ids[3] + `","choices":[0]}]}`},
		{name: "checkpoint question in the final quiz", method: "POST", url: aURL + "?token=" + ann, wantStatus: 400, wantIn: []string{"invalid_answer"},
			body: `{"step":null,"answers":[{"question_id":"` + ids[3] + `","choices":[0]}]}`},
		{name: "a step without checkpoint", method: "POST", url: aURL + "?token=" + ann, wantStatus: 404, wantIn: []string{"quiz_not_found"},
			body: `{"step":1,"answers":[]}`},
		{name: "another codelab's attendee cannot attempt", method: "POST", url: aURL + "?token=" + stranger, wantStatus: 403,
			body: `{"answers":[]}`},
		{name: "two of three right fails at 80%", method: "POST", url: aURL + "?token=" + ann, wantStatus: 201,
			body:   `{"answers":[{"question_id":"` + ids[0] + `","choices":[1]},{"question_id":"` + ids[1] + `","choices":[0]},{"question_id":"` + ids[2] + `","text":" pa RIS "}]}`,
			wantIn: []string{`"score_percent":67`, `"passed":false`}},
		{name: "text is case and space insensitive; pass reveals", method: "POST", url: aURL + "?token=" + ann, wantStatus: 201,
			body:   `{"answers":[{"question_id":"` + ids[0] + `","choices":[1]},{"question_id":"` + ids[1] + `","choices":[1,0]},{"question_id":"` + ids[2] + `","text":" pa RIS "}]}`,
			wantIn: []string{`"score_percent":100`, `"passed":true`, `"reveal":true`, `"accept":["Paris"]`, `"answers":[0,1]`}},
		{name: "checkpoint graded alone", method: "POST", url: aURL + "?token=" + ann, wantStatus: 201,
			body:   `{"answers":[{"question_id":"` + ids[3] + `","choices":[0]}]}`,
			wantIn: []string{`"step":2`, `"score_percent":100`, `"passed":true`}},
	} {
		sc.run(t, l.api)
	}
	scenario{name: "attempts stored and parts passed; still no answers in the view", method: "GET", url: qURL + "?token=" + ann, wantStatus: 200,
		wantIn:    []string{`"attempts":3`, `"best_score_percent":100`, `"passed":true`, `"reveal":true`},
		wantNotIn: []string{`"answers"`, `"accept"`, "Paris"}}.run(t, l.api)
	body := scenario{name: "stats", method: "GET", url: "/api/admin/codelabs/" + l.id + "/quiz/stats", admin: true, wantStatus: 200,
		wantIn: []string{`"name":"Ann"`, `"best_score_percent":100`, `"quiz_passed":true`, `"attempts":4`}}.run(t, l.api)
	// Question 1 (2+2): answered in 3 final attempts, right in 2.
	if !strings.Contains(body, `"question_id":"`+ids[0]+`","prompt":"2+2?","step":null,"answered":3,"correct":2`) {
		t.Errorf("stats: got %s, want 2+2 answered 3 times, 2 right", body)
	}
}

func TestQuizWithoutRetries(t *testing.T) {
	l := newLoopLab(t, "")
	saved := l.putQuiz(`{"retries":false,"questions":[{"prompt":"2+2?","kind":"single","options":["3","4"],"answers":[1]}]}`)
	ann, _ := l.register("Ann")
	url := "/api/codelabs/" + l.id + "/quiz/attempts?token=" + ann
	body := `{"answers":[{"question_id":"` + saved.Questions[0].ID + `","choices":[0]}]}`
	scenario{name: "first attempt reveals (no retry possible)", method: "POST", url: url, body: body, wantStatus: 201,
		wantIn: []string{`"passed":false`, `"reveal":true`, `"answers":[1]`}}.run(t, l.api)
	scenario{name: "second attempt refused", method: "POST", url: url, body: body, wantStatus: 409, wantIn: []string{"no_retries"}}.run(t, l.api)
	scenario{name: "one attempt stored", method: "GET", url: "/api/codelabs/" + l.id + "/quiz?token=" + ann, wantStatus: 200,
		wantIn: []string{`"attempts":1`, `"can_attempt":false`}}.run(t, l.api)
}

// TestCheckpointOfARemovedStep: shortening the steps leaves the admin's
// question (to fix) but attendees neither see nor need it.
func TestCheckpointOfARemovedStep(t *testing.T) {
	l := newLoopLab(t, `{"require_quiz":true}`)
	l.putQuiz(`{"questions":[{"prompt":"Step three check","kind":"text","accept":["x"],"step":3}]}`)
	scenario{name: "two steps", method: "PUT", url: "/api/admin/codelabs/" + l.id + "/steps", admin: true, wantStatus: 200,
		body: `{"steps":[{"title":"One","markdown":"1"},{"title":"Two","markdown":"2"}]}`}.run(t, l.api)
	ann, annID := l.register("Ann")
	scenario{name: "admin still sees it", method: "GET", url: "/api/admin/codelabs/" + l.id + "/quiz", admin: true, wantStatus: 200,
		wantIn: []string{"Step three check"}}.run(t, l.api)
	scenario{name: "attendee does not", method: "GET", url: "/api/codelabs/" + l.id + "/quiz?token=" + ann, wantStatus: 200,
		wantNotIn: []string{"Step three check"}}.run(t, l.api)
	if _, err := l.st.ApplyOp(t.Context(), store.ProgressOp(l.id, model.Person{ID: annID, Name: "Ann"}, "", 2, nil)); err != nil {
		t.Fatal(err)
	}
	l.complete(ann, 200, `"certificate"`)
}
