package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// TestShortLinks: the join screen shows http://HOST:PORT/c/CODE, which
// redirects to the codelab; the code is short, unambiguous and stable.
func TestShortLinks(t *testing.T) {
	info := api.JoinInfo{Name: "room5", HasLAN: true, URLs: []string{"http://10.0.0.5:8080/", "http://room5.local:8080/"}}
	a := api.New(api.Config{Store: storetest.New(t), Markdown: markdown.New(), AdminToken: adminToken,
		JoinInfo: func() api.JoinInfo { return info }})
	id := create(t, a, `{"title":"Go","is_public":false}`)
	other := create(t, a, `{"title":"Rust","is_public":true}`)

	joinOf := func(id string) (code string, urls []string, qr string) {
		var got struct {
			ShortCode string   `json:"short_code"`
			URLs      []string `json:"urls"`
			QRURL     string   `json:"qr_url"`
		}
		body := scenario{name: "join-info", method: "GET", url: "/api/admin/join-info?codelab=" + id, admin: true, wantStatus: 200}.run(t, a)
		json.Unmarshal([]byte(body), &got)
		return got.ShortCode, got.URLs, got.QRURL
	}
	code, urls, qr := joinOf(id)
	if !regexp.MustCompile(`^[ABCDFGHJKMNPQRSTVWXYZ2-9]{4}$`).MatchString(code) {
		t.Fatalf("short code %q: want 4 characters without 0/O/1/I/L", code)
	}
	want := []string{"http://10.0.0.5:8080/c/" + code, "http://room5.local:8080/c/" + code}
	if strings.Join(urls, " ") != strings.Join(want, " ") || qr != want[0] {
		t.Fatalf("got urls %v qr %q, want %v and the IP one in the QR", urls, qr, want)
	}
	if again, _, _ := joinOf(id); again != code {
		t.Fatalf("second join-info: got code %q, want the same %q", again, code)
	}
	if otherCode, _, _ := joinOf(other); otherCode == code || otherCode == "" {
		t.Fatalf("other codelab: got code %q, want its own, not %q", otherCode, code)
	}

	for _, typed := range []string{code, strings.ToLower(code)} {
		req := httptest.NewRequest("GET", "/c/"+typed, nil)
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/#/codelabs/"+id {
			t.Fatalf("GET /c/%s: got %d to %q, want 302 to /#/codelabs/%s", typed, rec.Code, rec.Header().Get("Location"), id)
		}
	}

	for _, sc := range []scenario{
		{name: "unknown code", method: "GET", url: "/c/ZZZZ", wantStatus: 404, wantIn: []string{`"code":"unknown_short_code"`}},
		{name: "ambiguous characters", method: "GET", url: "/c/O0I1", wantStatus: 404, wantIn: []string{"unknown_short_code"}},
		{name: "too long", method: "GET", url: "/c/ABCDE", wantStatus: 404, wantIn: []string{"unknown_short_code"}},
		{name: "not GET", method: "POST", url: "/c/" + code, wantStatus: 405},
	} {
		sc.run(t, a)
	}

	req := httptest.NewRequest("GET", "/c/zz%3Cb%3E", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(body, "No codelab has the code") || strings.Contains(body, "<b>") {
		t.Fatalf("browser, unknown code: got %d %q %s, want a 404 HTML page with the code escaped", rec.Code, rec.Header().Get("Content-Type"), body)
	}
}

// TestTotalMinutes: cards show the codelab's estimate, else its steps' sum.
func TestTotalMinutes(t *testing.T) {
	a, _ := newAPI(t)
	sum := create(t, a, `{"title":"Sum","is_public":true}`)
	own := create(t, a, `{"title":"Own","is_public":true,"duration_minutes":45}`)
	for _, id := range []string{sum, own} {
		scenario{name: "steps", method: "PUT", url: "/api/admin/codelabs/" + id + "/steps", admin: true, wantStatus: 200,
			body: `{"steps":[{"title":"A","markdown":"","duration_minutes":10},{"title":"B","markdown":"","duration_minutes":15}]}`}.run(t, a)
	}
	var list []struct {
		ID           string `json:"id"`
		TotalMinutes int    `json:"total_minutes"`
	}
	for _, url := range []string{"/api/codelabs", "/api/admin/codelabs"} {
		body := scenario{name: "list " + url, method: "GET", url: url, admin: true, wantStatus: 200}.run(t, a)
		json.Unmarshal([]byte(body), &list)
		got := map[string]int{}
		for _, c := range list {
			got[c.ID] = c.TotalMinutes
		}
		if got[sum] != 25 || got[own] != 45 {
			t.Fatalf("%s: got totals %v, want %s=25 (sum of steps) and %s=45 (its own)", url, got, sum, own)
		}
	}
	scenario{name: "one codelab", method: "GET", url: "/api/codelabs/" + sum, wantStatus: 200, wantIn: []string{`"total_minutes":25`}}.run(t, a)
}
