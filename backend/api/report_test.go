package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// get fetches path as the facilitator and returns status, headers and body.
func (e *liveEnv) get(path, token string) (int, http.Header, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// TestWorkshopReport runs a small session (three attendees: one reaches
// step 3, one step 2; one asks for help at step 1; two chats), checks the
// report's numbers in every format, then starts a new session and checks
// the old one still reports the same while the new one is empty.
func TestWorkshopReport(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ctx := context.Background()
	lab := "/api/admin/codelabs/" + e.codelab
	_, ann := e.register("Ann")
	bobTok, bob := e.register("Bob")
	_, cy := e.register("Cy")
	person := func(id string) model.Person { return model.Person{ID: id} }
	ops := []store.Op{
		store.ProgressOp(e.codelab, person(ann), "p1", 2, nil),
		store.ProgressOp(e.codelab, person(ann), "p2", 3, nil),
		store.ProgressOp(e.codelab, person(bob), "p3", 2, nil),
		store.HelpOp(e.codelab, person(cy), "h1", 1),
		store.ChatOp(e.codelab, person(ann), "c1", "hello"),
		store.ChatOp(e.codelab, person(bob), "c2", "hi"),
	}
	for _, op := range ops {
		if _, err := e.st.ApplyOp(ctx, op); err != nil {
			t.Fatal(err)
		}
	}

	if status, m := e.do("PUT", "/api/codelabs/"+e.codelab+"/feedback", bobTok,
		map[string]any{"satisfaction": 4, "difficulty": 3, "comment": "=cmd()"}); status != http.StatusOK {
		t.Fatalf("feedback: %d %v", status, m)
	}

	var rep model.Report
	if err := json.Unmarshal([]byte(e.body(lab+"/report")), &rep); err != nil {
		t.Fatal(err)
	}
	reached := [3]int{rep.Steps[0].Reached, rep.Steps[1].Reached, rep.Steps[2].Reached}
	if rep.Summary.Attendees != 3 || reached != [3]int{3, 2, 1} {
		t.Errorf("funnel = %v with %d attendees, want [3 2 1] of 3", reached, rep.Summary.Attendees)
	}
	if rep.Summary.ChatMessages != 2 || rep.Summary.HelpRequests != 1 || rep.Steps[0].HelpRequests != 1 || !rep.TimesKnown {
		t.Errorf("summary = %+v, step 1 help %d, times known %v", rep.Summary, rep.Steps[0].HelpRequests, rep.TimesKnown)
	}

	status, h, csv := e.get(lab+"/report?format=csv&table=steps", liveAdminToken)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", status, h)
	}
	if lines := strings.Split(strings.TrimSpace(string(csv)), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[1], "1,One,0,3,") {
		t.Errorf("steps csv = %q", csv)
	}
	if _, _, fb := e.get(lab+"/report?format=csv&table=feedback", liveAdminToken); !strings.Contains(string(fb), "'=cmd()") {
		t.Errorf("feedback csv = %q, want the formula-like comment defused", fb)
	}
	for _, table := range []string{"attendance", "chat", "quiz"} {
		if status, _, b := e.get(lab+"/report?format=csv&table="+table, liveAdminToken); status != 200 || len(b) == 0 {
			t.Errorf("csv %s: %d %q", table, status, b)
		}
	}
	status, h, html := e.get(lab+"/report?format=html&lang=ar", liveAdminToken)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !bytes.Contains(html, []byte(`dir="rtl"`)) || !bytes.Contains(html, []byte("<bdi>Live</bdi>")) {
		t.Errorf("html: %d %s", status, html[:min(len(html), 300)])
	}
	if status, _, pdf := e.get(lab+"/report?format=pdf&lang=ko", liveAdminToken); status != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("pdf: %d", status)
	}

	// Bad input: a clear error, and the report is for admins only.
	for _, c := range []struct{ path, token, code string }{
		{lab + "/report?format=xml", liveAdminToken, "invalid_format"},
		{lab + "/report?format=csv&table=secrets", liveAdminToken, "invalid_field"},
		{lab + "/report?session=nope", liveAdminToken, "not_found"},
		{"/api/admin/codelabs/nope/report", liveAdminToken, "not_found"},
		{lab + "/report", "", "unauthorized"},
	} {
		if status, m := e.do("GET", c.path, c.token, nil); errCode(m) != c.code {
			t.Errorf("GET %s: %d %v, want %s", c.path, status, m, c.code)
		}
	}

	// A new session: the old one keeps its report, the new one is empty.
	if status, m := e.do("POST", lab+"/sessions", liveAdminToken, map[string]string{"title": "afternoon"}); status != http.StatusCreated {
		t.Fatalf("new session: %d %v", status, m)
	}
	var sessions []model.Session
	json.Unmarshal([]byte(e.body(lab+"/sessions")), &sessions)
	var old model.Report
	for _, s := range sessions {
		if !s.Current {
			json.Unmarshal([]byte(e.body(lab+"/report?session="+s.ID)), &old)
		}
	}
	if old.Summary.Attendees != 3 || old.Steps[1].Reached != 2 || old.Summary.ChatMessages != 2 || !old.TimesKnown {
		t.Errorf("archived report = %+v, want the same numbers as before", old.Summary)
	}
	var now model.Report
	json.Unmarshal([]byte(e.body(lab+"/report")), &now)
	if now.Summary.Attendees != 0 || now.Steps[0].Reached != 0 {
		t.Errorf("new session's report = %+v, want empty", now.Summary)
	}
}
