package api_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// adminRoutePattern matches a mux pattern of the admin API.
var adminRoutePattern = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE) (/api/admin(/\S*)?)$`)

// adminRoutes lists every "METHOD /api/admin/..." pattern written in the
// api package's source, so a route added later is covered by the tests
// below without anyone remembering to list it. (http.ServeMux cannot
// enumerate its patterns, hence the source.)
func adminRoutes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && adminRoutePattern.MatchString(s) {
				seen[s] = true
			}
			return true
		})
	}
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestHelperTokenGets403OnEveryAdminRoute tries a live helper token on every
// admin route, from this machine and from the LAN: always 403, never the
// route's own answer.
func TestHelperTokenGets403OnEveryAdminRoute(t *testing.T) {
	a, _ := newAPI(t)
	lab := create(t, a, `{"title":"Helpers"}`)
	out := scenario{name: "invite", method: "POST", url: "/api/admin/codelabs/" + lab + "/helpers",
		body: `{"name":"Sam"}`, admin: true, wantStatus: 201}.run(t, a)
	var h struct{ ID, Token string }
	if err := json.Unmarshal([]byte(out), &h); err != nil || h.Token == "" {
		t.Fatalf("invite: got %s, want id and token", out)
	}

	routes := adminRoutes(t)
	if len(routes) < 40 || !containsStr(routes, "DELETE /api/admin/codelabs/{id}/helpers/{hid}") ||
		!containsStr(routes, "GET /api/admin/ws") {
		t.Fatalf("admin route enumeration looks wrong: got %d routes %v", len(routes), routes)
	}
	t.Logf("%d admin routes", len(routes))
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		path = pathParam.ReplaceAllStringFunc(path, func(p string) string {
			switch p {
			case "{id}":
				return lab
			case "{hid}":
				return h.ID
			}
			return "x1"
		})
		body := ""
		if method != "GET" && method != "DELETE" {
			body = "{}"
		}
		for _, from := range []struct{ remote, code string }{
			{"", "helper_not_allowed"},
			{"192.168.1.50:40000", "admin_loopback_only"},
		} {
			scenario{name: route + " from " + from.remote, method: method, url: path, body: body, token: h.Token,
				remote: from.remote, wantStatus: http.StatusForbidden, wantIn: []string{`"code":"` + from.code + `"`}}.run(t, a)
		}
	}
	// Nothing the helper tried changed anything: the helper is still there.
	scenario{name: "still listed", method: "GET", url: "/api/admin/codelabs/" + lab + "/helpers", admin: true,
		wantStatus: 200, wantIn: []string{`"name":"Sam"`}}.run(t, a)
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestHelperAdminScenarios covers creating, listing and revoking helpers.
func TestHelperAdminScenarios(t *testing.T) {
	a, _ := newAPI(t)
	lab := create(t, a, `{"title":"Helpers"}`)
	base := "/api/admin/codelabs/" + lab + "/helpers"
	out := scenario{name: "create", method: "POST", url: base, body: `{"name":"  Sam  Lee ","can_announce":true}`, admin: true,
		wantStatus: 201, wantIn: []string{`"name":"Sam Lee"`, `"can_announce":true`, `"token":"`, `/#/helper/`}}.run(t, a)
	var h struct{ ID, Token, URL string }
	json.Unmarshal([]byte(out), &h)
	if !strings.HasSuffix(h.URL, "/#/helper/"+h.Token) {
		t.Errorf("url: got %q, want it to end with /#/helper/<token>", h.URL)
	}
	for _, sc := range []scenario{
		{name: "list shows no token", method: "GET", url: base, admin: true, wantStatus: 200,
			wantIn: []string{`"id":"` + h.ID + `"`, `"online":false`}, wantNotIn: []string{h.Token, "token"}},
		{name: "same name, other case", method: "POST", url: base, body: `{"name":"sam lee"}`, admin: true,
			wantStatus: 409, wantIn: []string{`"code":"name_taken"`}},
		{name: "empty name", method: "POST", url: base, body: `{"name":"  "}`, admin: true,
			wantStatus: 400, wantIn: []string{`"code":"invalid_name"`}},
		{name: "control character", method: "POST", url: base, body: `{"name":"a\u0007b"}`, admin: true,
			wantStatus: 400, wantIn: []string{`"code":"invalid_name"`}},
		{name: "not JSON", method: "POST", url: base, body: `name=x`, contentType: "text/plain", admin: true,
			wantStatus: 415},
		{name: "unknown codelab", method: "POST", url: "/api/admin/codelabs/nope/helpers", body: `{"name":"X"}`, admin: true,
			wantStatus: 404},
		{name: "list unknown codelab", method: "GET", url: "/api/admin/codelabs/nope/helpers", admin: true, wantStatus: 404},
		{name: "no admin token", method: "POST", url: base, body: `{"name":"Y"}`, wantStatus: 401},
		{name: "admin token from the LAN", method: "POST", url: base, body: `{"name":"Y"}`, admin: true,
			remote: "192.168.1.50:40000", wantStatus: 403},
		{name: "helper works from the LAN", method: "GET", url: "/api/helper/me", token: h.Token,
			remote: "192.168.1.50:40000", wantStatus: 200, wantIn: []string{`"name":"Sam Lee"`, `"title":"Helpers"`}},
		{name: "revoke in another codelab's path", method: "DELETE", url: "/api/admin/codelabs/" + create(t, a, `{"title":"Other"}`) + "/helpers/" + h.ID,
			admin: true, wantStatus: 404},
		{name: "revoke", method: "DELETE", url: base + "/" + h.ID, admin: true, wantStatus: 204},
		{name: "revoke again", method: "DELETE", url: base + "/" + h.ID, admin: true, wantStatus: 404},
		{name: "revoked token", method: "GET", url: "/api/helper/me", token: h.Token, wantStatus: 401,
			wantIn: []string{`"code":"unauthorized"`}},
		{name: "revoked token on admin is a plain 401", method: "GET", url: "/api/admin/codelabs", token: h.Token, wantStatus: 401},
		{name: "list is empty", method: "GET", url: base, admin: true, wantStatus: 200, wantIn: []string{`[]`}},
	} {
		sc.run(t, a)
	}
	body := scenario{name: "audit", method: "GET", url: "/api/admin/audit?codelab=" + lab, admin: true, wantStatus: 200}.run(t, a)
	for _, action := range []string{`"action":"helper.create"`, `"action":"helper.revoke"`} {
		if !strings.Contains(body, action) {
			t.Errorf("audit: got %s, want %s", body, action)
		}
	}
}
