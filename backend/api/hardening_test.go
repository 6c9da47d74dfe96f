package api_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

func TestWrongMethod(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"Lab","is_public":true}`)
	for _, sc := range []scenario{
		{name: "DELETE on a GET-only path", method: "DELETE", url: "/api/health", wantStatus: 405,
			wantIn: []string{`"code":"method_not_allowed"`, "use GET"}},
		{name: "GET on a POST-only admin path", method: "GET", url: "/api/admin/import", admin: true, wantStatus: 405,
			wantIn: []string{`"code":"method_not_allowed"`, "POST"}},
		{name: "POST on a codelab", method: "POST", url: "/api/codelabs/" + id, wantStatus: 405,
			wantIn: []string{`"code":"method_not_allowed"`}},
		{name: "PUT on the attendee app", method: "PUT", url: "/", wantStatus: 405,
			wantIn: []string{`"code":"method_not_allowed"`}},
		{name: "unknown API path stays 404", method: "GET", url: "/api/nope", wantStatus: 404,
			wantIn: []string{`"code":"not_found"`}},
		{name: "right method still works", method: "GET", url: "/api/codelabs/" + id, wantStatus: 200},
	} {
		sc.run(t, a)
	}
	req := httptest.NewRequest("POST", "/api/admin/codelabs/"+id, nil)
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	if got := rec.Header().Get("Allow"); got != "GET, PUT, PATCH, DELETE, HEAD" {
		t.Errorf("Allow: got %q, want GET, PUT, PATCH, DELETE, HEAD", got)
	}
}

func TestSecurityHeaders(t *testing.T) {
	a, _ := newAPI(t)
	for _, tc := range []struct {
		url, cspHas, cspNot string
	}{
		{"/", "script-src 'self'", "unsafe-eval"},
		{"/admin/", "connect-src 'self' ws://example.com wss://example.com", "*"},
		{"/assets/app.js", "default-src 'self'", "http:"},
		{"/api/health", "default-src 'none'", "'self'"},
		{"/api/nope", "default-src 'none'", "'self'"},
		{"/uploads/x.png", "sandbox", "'self'"},
	} {
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, httptest.NewRequest("GET", tc.url, nil))
		h := rec.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, tc.cspHas) || strings.Contains(csp, tc.cspNot) {
			t.Errorf("%s: CSP %q, want frame-ancestors 'none' and %q without %q", tc.url, csp, tc.cspHas, tc.cspNot)
		}
		for k, want := range map[string]string{"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", tc.url, k, got, want)
			}
		}
	}
}

// TestHostCheck: only advertised names and addresses are answered (DNS
// rebinding); the rest get 421 in the JSON error shape.
func TestHostCheck(t *testing.T) {
	lan := netip.MustParseAddr("192.168.1.20")
	a := api.New(api.Config{
		Store: storetest.New(t), Markdown: markdown.New(), AdminToken: adminToken, Version: "test",
		Name: func() string { return "workshop-2" },
		Hosts: &api.Hosts{
			Extra: []string{"Classroom.Test"},
			Names: func() []string { return []string{"workshop.local"} },
			Addrs: func() []netip.Addr { return []netip.Addr{lan} },
		},
	})
	for _, tc := range []struct {
		host   string
		status int
	}{
		{"127.0.0.1:8080", 200},
		{"[::1]:8080", 200},
		{"127.7.7.7", 200},
		{"localhost:8080", 200},
		{"LOCALHOST.", 200},
		{"192.168.1.20:8080", 200},
		{"workshop.local:8080", 200},
		{"workshop-2.local", 200},
		{"classroom.test:8080", 200},
		{"", 200},
		{"evil.example:8080", 421},
		{"192.168.1.21:8080", 421},
		{"workshop.local.evil.example", 421},
		{"localhost.evil.example", 421},
		{"other.local", 421},
	} {
		req := httptest.NewRequest("GET", "/api/health", nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("Host %q: got %d, want %d", tc.host, rec.Code, tc.status)
		}
		if tc.status == 421 && !strings.Contains(rec.Body.String(), `"code":"unknown_host"`) {
			t.Errorf("Host %q: body %s, want the unknown_host JSON error", tc.host, rec.Body)
		}
	}
	// The admin API is refused too, before the token is looked at.
	req := httptest.NewRequest("GET", "/api/admin/codelabs", nil)
	req.Host = "evil.example"
	req.Header.Set("Authorization", "Bearer "+adminToken)
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("admin API on a foreign host: got %d, want 421", rec.Code)
	}
}
