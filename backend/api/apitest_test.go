package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

const adminToken = "test-admin-token"

// newAPI builds the real API on a fresh SQLite file.
func newAPI(t testing.TB) (*api.API, *store.Store) {
	t.Helper()
	st := storetest.New(t)
	a := api.New(api.Config{
		Store: st, Markdown: markdown.New(), AdminToken: adminToken, Version: "test",
		Assets: fstest.MapFS{
			"index.html":       {Data: []byte("attendee app")},
			"admin/index.html": {Data: []byte("admin app")},
			"assets/app.js":    {Data: []byte("js")},
		},
	})
	return a, st
}

// scenario is one request and what must (and must not) come back.
type scenario struct {
	name       string
	method     string
	url        string
	body       string
	admin      bool   // send the admin token
	remote     string // RemoteAddr; loopback when empty
	wantStatus int
	wantIn     []string
	wantNotIn  []string

	// contentType is the body's Content-Type: application/json when empty
	// and a body is given; "none" sends no Content-Type header.
	contentType string
	token       string // an attendee (or helper) token sent as Bearer
}

func (sc scenario) run(t testing.TB, h http.Handler) string {
	t.Helper()
	req := httptest.NewRequest(sc.method, sc.url, strings.NewReader(sc.body))
	req.RemoteAddr = "127.0.0.1:5555"
	if sc.remote != "" {
		req.RemoteAddr = sc.remote
	}
	if sc.admin {
		req.Header.Set("Authorization", "Bearer "+adminToken)
	}
	if sc.token != "" {
		req.Header.Set("Authorization", "Bearer "+sc.token)
	}
	switch {
	case sc.contentType == "none":
	case sc.contentType != "":
		req.Header.Set("Content-Type", sc.contentType)
	case sc.body != "":
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != sc.wantStatus {
		t.Fatalf("%s: got status %d, want %d; body %s", sc.name, rec.Code, sc.wantStatus, body)
	}
	for _, s := range sc.wantIn {
		if !strings.Contains(string(body), s) {
			t.Errorf("%s: body %s lacks %q", sc.name, body, s)
		}
	}
	for _, s := range sc.wantNotIn {
		if strings.Contains(string(body), s) {
			t.Errorf("%s: body %s must not contain %q", sc.name, body, s)
		}
	}
	return string(body)
}

// create makes a codelab through the API and returns its id.
func create(t testing.TB, h http.Handler, body string) string {
	t.Helper()
	out := scenario{name: "create", method: "POST", url: "/api/admin/codelabs", body: body, admin: true, wantStatus: 201}.run(t, h)
	var c struct{ ID string }
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.ID == "" {
		t.Fatalf("create: got %s, want a codelab with id", out)
	}
	return c.ID
}
