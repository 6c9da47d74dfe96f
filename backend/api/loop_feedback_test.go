package api_test

import (
	"strings"
	"testing"
)

func TestFeedbackRules(t *testing.T) {
	l := newLoopLab(t, "")
	ann, _ := l.register("Ann")
	bob, _ := l.register("Bob")
	url := "/api/codelabs/" + l.id + "/feedback"
	long := strings.Repeat("é", 2001)
	for _, sc := range []scenario{
		{name: "satisfaction 0", body: `{"satisfaction":0,"difficulty":3}`, wantStatus: 400, wantIn: []string{"invalid_feedback"}},
		{name: "satisfaction 6", body: `{"satisfaction":6,"difficulty":3}`, wantStatus: 400, wantIn: []string{"invalid_feedback"}},
		{name: "difficulty missing", body: `{"satisfaction":4}`, wantStatus: 400, wantIn: []string{"invalid_feedback"}},
		{name: "comment too long", body: `{"satisfaction":4,"difficulty":3,"comment":"` + long + `"}`, wantStatus: 400, wantIn: []string{"invalid_feedback"}},
		{name: "not a number", body: `{"satisfaction":"5","difficulty":3}`, wantStatus: 400, wantIn: []string{"invalid_json"}},
	} {
		sc.method, sc.url = "PUT", url+"?token="+ann
		sc.run(t, l.api)
	}
	scenario{name: "nothing stored", method: "GET", url: url + "?token=" + ann, wantStatus: 200, wantIn: []string{`{"feedback":null}`}}.run(t, l.api)
	scenario{name: "no token", method: "PUT", url: url, body: `{"satisfaction":4,"difficulty":3}`, wantStatus: 401}.run(t, l.api)
	scenario{name: "other codelab", method: "PUT", url: url + "?token=" + l.stranger(), body: `{"satisfaction":4,"difficulty":3}`, wantStatus: 403}.run(t, l.api)
	scenario{name: "Ann gives feedback", method: "PUT", url: url + "?token=" + ann, body: `{"satisfaction":2,"difficulty":5,"comment":"  too fast  "}`,
		wantStatus: 200, wantIn: []string{`"satisfaction":2`, `"comment":"too fast"`}}.run(t, l.api)
	scenario{name: "Ann updates it", method: "PUT", url: url + "?token=" + ann, body: `{"satisfaction":4,"difficulty":4,"comment":"better"}`,
		wantStatus: 200, wantIn: []string{`"satisfaction":4`, `"comment":"better"`}}.run(t, l.api)
	scenario{name: "Bob", method: "PUT", url: url + "?token=" + bob, body: `{"satisfaction":5,"difficulty":3}`, wantStatus: 200}.run(t, l.api)
	scenario{name: "Bob sees only his own", method: "GET", url: url + "?token=" + bob, wantStatus: 200,
		wantIn: []string{`"satisfaction":5`}, wantNotIn: []string{"better", "Ann"}}.run(t, l.api)
	sum := "/api/admin/codelabs/" + l.id + "/feedback"
	scenario{name: "summary without names", method: "GET", url: sum, admin: true, wantStatus: 200,
		wantIn:    []string{`"count":2`, `"satisfaction":4.5`, `"difficulty":3.5`, `"satisfaction":[0,0,0,1,1]`, `"difficulty":[0,0,1,1,0]`, `"comment":"better"`},
		wantNotIn: []string{"Ann", "Bob", "too fast"}}.run(t, l.api)
	scenario{name: "summary with names", method: "GET", url: sum + "?names=1", admin: true, wantStatus: 200,
		wantIn: []string{`"name":"Ann"`}}.run(t, l.api)
	scenario{name: "attendee cannot read the summary", method: "GET", url: sum + "?token=" + ann, wantStatus: 401}.run(t, l.api)
	scenario{name: "close the codelab", method: "PATCH", url: "/api/admin/codelabs/" + l.id, admin: true, body: `{"closed":true}`,
		wantStatus: 200, wantIn: []string{`"closed":true`}}.run(t, l.api)
	scenario{name: "closed: no more edits", method: "PUT", url: url + "?token=" + ann, body: `{"satisfaction":1,"difficulty":1}`,
		wantStatus: 409, wantIn: []string{"codelab_closed"}}.run(t, l.api)
	scenario{name: "still the update", method: "GET", url: url + "?token=" + ann, wantStatus: 200, wantIn: []string{`"satisfaction":4`}}.run(t, l.api)
}
