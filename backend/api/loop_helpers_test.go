package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// loopLab is a public, access-coded codelab with three steps and
// registered attendees, on the scenario harness's API.
type loopLab struct {
	t   *testing.T
	api *api.API
	st  *store.Store
	id  string
}

func newLoopLab(t *testing.T, settings string) *loopLab {
	t.Helper()
	a, st := newAPI(t)
	l := &loopLab{t: t, api: a, st: st}
	l.id = create(t, a, `{"title":"Loop lab","author":"Ada","is_public":true,"access_code":"pw"}`)
	scenario{name: "steps", method: "PUT", url: "/api/admin/codelabs/" + l.id + "/steps", admin: true, wantStatus: 200,
		body: `{"steps":[{"title":"One","markdown":"1"},{"title":"Two","markdown":"2"},{"title":"Three","markdown":"3"}]}`}.run(t, a)
	if settings != "" {
		scenario{name: "settings", method: "PATCH", url: "/api/admin/codelabs/" + l.id, admin: true, body: settings, wantStatus: 200}.run(t, a)
	}
	return l
}

// newLoopLabOn makes a second codelab like newLoopLab's on the same server.
func newLoopLabOn(t *testing.T, l *loopLab) *loopLab {
	t.Helper()
	o := &loopLab{t: t, api: l.api, st: l.st}
	o.id = create(t, l.api, `{"title":"Second","is_public":true,"access_code":"pw"}`)
	return o
}

func (l *loopLab) mustRegister(name string) string {
	tok, _ := l.register(name)
	return tok
}

// register adds an attendee and returns the token and id.
func (l *loopLab) register(name string) (string, string) {
	l.t.Helper()
	out := scenario{name: "register " + name, method: "POST", url: "/api/codelabs/" + l.id + "/attendees",
		body: `{"name":"` + name + `","code":"pw"}`, wantStatus: 201}.run(l.t, l.api)
	var reg struct {
		Token    string
		Attendee struct{ ID string }
	}
	json.Unmarshal([]byte(out), &reg)
	return reg.Token, reg.Attendee.ID
}

// stranger registers "Eve" in another codelab of the same server and
// returns her token.
func (l *loopLab) stranger() string {
	l.t.Helper()
	other := create(l.t, l.api, `{"title":"Other","is_public":true}`)
	out := scenario{name: "register Eve", method: "POST", url: "/api/codelabs/" + other + "/attendees",
		body: `{"name":"Eve"}`, wantStatus: 201}.run(l.t, l.api)
	var reg struct{ Token string }
	json.Unmarshal([]byte(out), &reg)
	return reg.Token
}

// visitAll moves the attendee through every step, as the Next button does.
func (l *loopLab) visitAll(attendeeID, name string) {
	l.t.Helper()
	for step := 2; step <= 3; step++ {
		if _, err := l.st.ApplyOp(context.Background(), store.ProgressOp(l.id, model.Person{ID: attendeeID, Name: name}, "", step, nil)); err != nil {
			l.t.Fatal(err)
		}
	}
}

// jsonOf runs a scenario and decodes its body.
func (l *loopLab) jsonOf(sc scenario, v any) {
	l.t.Helper()
	if err := json.Unmarshal([]byte(sc.run(l.t, l.api)), v); err != nil {
		l.t.Fatalf("%s: %v", sc.name, err)
	}
}

// upload posts a multipart file with a bearer token.
func (l *loopLab) upload(token, filename string, data []byte) *httptest.ResponseRecorder {
	l.t.Helper()
	return serveFile(l.t, l.api, "/api/codelabs/"+l.id+"/submissions", token, filename, data)
}

// get sends a GET with a bearer token and returns the recorder.
func (l *loopLab) get(url, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", url, nil)
	req.RemoteAddr = "127.0.0.1:5555"
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	l.api.ServeHTTP(rec, req)
	return rec
}

var _ = http.StatusOK

// postImport uploads an archive to POST /api/admin/import.
func postImport(t *testing.T, l *loopLab, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	return serveFile(t, l.api, "/api/admin/import", adminToken, "export.zip", data)
}
