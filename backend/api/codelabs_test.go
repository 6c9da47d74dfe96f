package api_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPublicAndAdminCodelabs(t *testing.T) {
	a, st := newAPI(t)
	pub := create(t, a, `{"title":"Public one","is_public":true,"access_code":"","tags":["go"," ",""]}`)
	hidden := create(t, a, `{"title":"Hidden one"}`)
	coded := create(t, a, `{"title":"Coded","is_public":true,"access_code":"s3cret"}`)
	steps := `{"steps":[{"title":"Intro","markdown":"Hello **world**\n\n<script>alert(1)</script>","duration_minutes":5},{"title":"Two","markdown":"[x](javascript:alert(1))"}]}`
	for _, id := range []string{pub, coded} {
		scenario{name: "steps", method: "PUT", url: "/api/admin/codelabs/" + id + "/steps", body: steps, admin: true, wantStatus: 200,
			wantIn: []string{`"number":2`, `"markdown":"Hello **world**`}}.run(t, a)
	}
	for _, sc := range []scenario{
		{name: "health", method: "GET", url: "/api/health", wantStatus: 200, wantIn: []string{`"status":"ok"`, `"version":"test"`}},
		{name: "public list hides hidden", method: "GET", url: "/api/codelabs", wantStatus: 200,
			wantIn: []string{"Public one", `"has_access_code":true`}, wantNotIn: []string{"Hidden one", "s3cret"}},
		{name: "public detail renders", method: "GET", url: "/api/codelabs/" + pub, wantStatus: 200,
			wantIn:    []string{"<strong>world</strong>", `"duration_minutes":5`, `"tags":["go"]`},
			wantNotIn: []string{"<script>", "javascript:", `"markdown"`}},
		{name: "coded codelab is locked", method: "GET", url: "/api/codelabs/" + coded, wantStatus: 200,
			wantIn: []string{`"locked":true`}, wantNotIn: []string{"s3cret", "Intro"}},
		{name: "hidden is 404 for attendees", method: "GET", url: "/api/codelabs/" + hidden, wantStatus: 404, wantIn: []string{`"code":"not_found"`}},
		{name: "unknown codelab", method: "GET", url: "/api/codelabs/nope", wantStatus: 404, wantIn: []string{`"error"`}},
		{name: "admin list has all", method: "GET", url: "/api/admin/codelabs", admin: true, wantStatus: 200,
			wantIn: []string{"Hidden one", "Public one", "s3cret"}},
		{name: "admin without token", method: "GET", url: "/api/admin/codelabs", wantStatus: 401, wantIn: []string{`"code":"unauthorized"`}},
		{name: "admin from LAN with token", method: "GET", url: "/api/admin/codelabs", admin: true, remote: "192.168.1.20:4000",
			wantStatus: 403, wantIn: []string{`"code":"admin_loopback_only"`}},
		{name: "admin from IPv6 loopback", method: "GET", url: "/api/admin/session", admin: true, remote: "[::1]:4000", wantStatus: 200},
		{name: "empty title", method: "POST", url: "/api/admin/codelabs", body: `{"title":"  "}`, admin: true, wantStatus: 400,
			wantIn: []string{`"code":"invalid_field"`, "title"}},
		{name: "missing title", method: "POST", url: "/api/admin/codelabs", body: `{"description":"x"}`, admin: true, wantStatus: 400, wantIn: []string{"title"}},
		{name: "malformed json", method: "POST", url: "/api/admin/codelabs", body: `{"title":`, admin: true, wantStatus: 400, wantIn: []string{`"code":"invalid_json"`}},
		{name: "two objects", method: "POST", url: "/api/admin/codelabs", body: `{"title":"a"}{}`, admin: true, wantStatus: 400, wantIn: []string{"invalid_json"}},
		{name: "wrong type", method: "PATCH", url: "/api/admin/codelabs/" + pub, body: `{"title":5}`, admin: true, wantStatus: 400},
		{name: "patch unknown", method: "PATCH", url: "/api/admin/codelabs/nope", body: `{"title":"x"}`, admin: true, wantStatus: 404},
		{name: "steps unknown codelab", method: "PUT", url: "/api/admin/codelabs/nope/steps", body: `{"steps":[]}`, admin: true, wantStatus: 404},
		{name: "step without title", method: "PUT", url: "/api/admin/codelabs/" + pub + "/steps", body: `{"steps":[{"title":"ok"},{"title":""}]}`,
			admin: true, wantStatus: 400, wantIn: []string{"steps[1].title"}},
		{name: "oversized step", method: "PUT", url: "/api/admin/codelabs/" + pub + "/steps",
			body: `{"steps":[{"title":"big","markdown":"` + strings.Repeat("a", 200<<10+1) + `"}]}`, admin: true, wantStatus: 413,
			wantIn: []string{`"code":"markdown_too_large"`}},
		{name: "oversized body", method: "POST", url: "/api/admin/codelabs", body: `{"title":"` + strings.Repeat("a", 2<<20) + `"}`,
			admin: true, wantStatus: 413, wantIn: []string{`"code":"body_too_large"`}},
		{name: "preview", method: "POST", url: "/api/admin/preview", body: `{"markdown":"# T\n\n<b>x</b>"}`, admin: true, wantStatus: 200,
			wantIn: []string{`<h1 id=\"t\">T</h1>`, "&lt;b&gt;"}, wantNotIn: []string{"<b>x</b>"}},
		{name: "unknown api path", method: "GET", url: "/api/nothing", wantStatus: 404, wantIn: []string{`"code":"not_found"`}},
	} {
		t.Run(sc.name, func(t *testing.T) { sc.run(t, a) })
	}
	// The failed saves above left the good steps alone.
	c, err := st.GetCodelab(context.Background(), pub)
	if err != nil || len(c.Steps) != 2 || c.Steps[0].Title != "Intro" || c.Title != "Public one" {
		t.Fatalf("got %+v %v, want the two saved steps and the title unchanged", c, err)
	}
}

func TestPatchCopyDelete(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"Orig","author":"Ada"}`)
	scenario{name: "patch keeps others", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"is_public":true}`, admin: true,
		wantStatus: 200, wantIn: []string{`"title":"Orig"`, `"author":"Ada"`, `"is_public":true`}}.run(t, a)
	out := scenario{name: "copy", method: "POST", url: "/api/admin/codelabs/" + id + "/copy", admin: true, wantStatus: 201,
		wantIn: []string{`"title":"Copy of Orig"`, `"is_public":false`}}.run(t, a)
	if strings.Contains(out, `"id":"`+id+`"`) {
		t.Fatalf("copy kept the original id: %s", out)
	}
	scenario{name: "delete", method: "DELETE", url: "/api/admin/codelabs/" + id, admin: true, wantStatus: 204}.run(t, a)
	scenario{name: "gone", method: "GET", url: "/api/admin/codelabs/" + id, admin: true, wantStatus: 404}.run(t, a)
	scenario{name: "delete again", method: "DELETE", url: "/api/admin/codelabs/" + id, admin: true, wantStatus: 404}.run(t, a)
}

func TestStaticAndCORS(t *testing.T) {
	a, _ := newAPI(t)
	for _, sc := range []scenario{
		{name: "attendee app", method: "GET", url: "/", wantStatus: 200, wantIn: []string{"attendee app"}},
		{name: "admin app", method: "GET", url: "/admin/", wantStatus: 200, wantIn: []string{"admin app"}},
		{name: "admin client route", method: "GET", url: "/admin/join", wantStatus: 200, wantIn: []string{"admin app"}},
		{name: "asset", method: "GET", url: "/assets/app.js", wantStatus: 200, wantIn: []string{"js"}},
		{name: "missing asset", method: "GET", url: "/assets/none.js", wantStatus: 404},
		{name: "admin redirect", method: "GET", url: "/admin", wantStatus: 301},
	} {
		t.Run(sc.name, func(t *testing.T) { sc.run(t, a) })
	}
	req := httptest.NewRequest("OPTIONS", "/api/admin/codelabs", nil)
	req.Header.Set("Origin", "wails://wails")
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	if rec.Code != 204 || rec.Header().Get("Access-Control-Allow-Origin") != "wails://wails" {
		t.Fatalf("got %d %q, want 204 with the window origin allowed", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	req = httptest.NewRequest("OPTIONS", "/api/admin/codelabs", nil)
	req.Header.Set("Origin", "http://evil.example")
	rec = httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("got CORS for a foreign origin, want none")
	}
}
