package api_test

import (
	"strings"
	"testing"
)

func TestRaffleDrawsOnTheServer(t *testing.T) {
	l := newLoopLab(t, "")
	url := "/api/admin/codelabs/" + l.id + "/raffle"
	ann, annID := l.register("Ann")
	l.register("Bob")
	for _, sc := range []scenario{
		{name: "bad pool", body: `{"among":"everyone"}`, wantStatus: 400, wantIn: []string{"invalid_raffle"}},
		{name: "nobody completed", body: `{"among":"completed","exclude_previous":true}`, wantStatus: 409, wantIn: []string{"nobody_eligible"}},
		{name: "nobody present (no live hub here)", body: `{"among":"present"}`, wantStatus: 409, wantIn: []string{"nobody_eligible"}},
		{name: "attendee cannot draw", url: url + "?token=" + ann, body: `{}`, wantStatus: 401},
		{name: "unknown codelab", url: "/api/admin/codelabs/nope/raffle", body: `{}`, wantStatus: 404},
	} {
		sc.method, sc.admin = "POST", !strings.Contains(sc.url, "token=")
		if sc.url == "" {
			sc.url = url
		}
		sc.run(t, l.api)
	}
	scenario{name: "nothing stored", method: "GET", url: url, admin: true, wantStatus: 200, wantIn: []string{`{"draws":[]}`}}.run(t, l.api)
	l.visitAll(annID, "Ann")
	l.complete(ann, 200)
	scenario{name: "the one who completed wins", method: "POST", url: url, admin: true, body: `{"among":"completed","exclude_previous":true}`,
		wantStatus: 201, wantIn: []string{`"winner":{"id":"` + annID + `","name":"Ann"}`, `"at":"`, `"eligible":1`}}.run(t, l.api)
	scenario{name: "earlier winner excluded", method: "POST", url: url, admin: true, body: `{"among":"completed","exclude_previous":true}`,
		wantStatus: 409, wantIn: []string{"nobody_eligible", "not won before"}}.run(t, l.api)
	scenario{name: "unless told otherwise", method: "POST", url: url, admin: true, body: `{"among":"completed","exclude_previous":false}`,
		wantStatus: 201, wantIn: []string{`"name":"Ann"`}}.run(t, l.api)
	body := scenario{name: "draws listed", method: "GET", url: url, admin: true, wantStatus: 200}.run(t, l.api)
	if strings.Count(body, `"winner"`) != 2 {
		t.Errorf("draws: got %s, want 2", body)
	}
	exp := l.get("/api/admin/codelabs/"+l.id+"/export?format=opencodelabs", adminToken)
	if exp.Code != 200 {
		t.Fatalf("export: %d", exp.Code)
	}
	files := unzip(t, exp.Body.Bytes())
	if meta := string(files["opencodelabs-desktop.json"]); !strings.Contains(meta, `"raffle_draws"`) || !strings.Contains(meta, "Ann") {
		t.Errorf("export meta: got %s, want the raffle draws", meta)
	}
}
