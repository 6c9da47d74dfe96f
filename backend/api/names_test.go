package api_test

import (
	"encoding/json"
	"testing"
)

// TestInvisibleCharactersInNames: zero-width and bidi control characters
// are refused; the joiners some scripts need are kept but ignored when
// names are compared, so no two attendees look alike.
func TestInvisibleCharactersInNames(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"Open","is_public":true}`)
	reg := "/api/codelabs/" + id + "/attendees"
	body := func(name string) string {
		b, _ := json.Marshal(map[string]string{"name": name})
		return string(b)
	}
	scenario{name: "bob", method: "POST", url: reg, body: body("bob"), wantStatus: 201}.run(t, a)
	for _, tc := range []struct {
		name, who string
		status    int
		code      string
	}{
		{"zero-width space", "b\u200bob", 400, "invalid_name"},
		{"left-to-right mark", "bob\u200e", 400, "invalid_name"},
		{"right-to-left mark", "\u200fbob", 400, "invalid_name"},
		{"right-to-left override", "\u202eyrrab", 400, "invalid_name"},
		{"left-to-right embedding", "\u202abob\u202c", 400, "invalid_name"},
		{"isolate", "\u2066bob\u2069", 400, "invalid_name"},
		{"first strong isolate", "\u2068bob", 400, "invalid_name"},
		{"byte order mark", "\ufeffbob", 400, "invalid_name"},
		{"arabic letter mark", "bo\u061cb", 400, "invalid_name"},
		{"word joiner", "bo\u2060b", 400, "invalid_name"},
		{"soft hyphen", "bo\u00adb", 400, "invalid_name"},
		{"zero-width joiner clashes with bob", "bo\u200db", 409, "name_taken"},
		{"zero-width non-joiner clashes with bob", "b\u200cob", 409, "name_taken"},
		{"variation selector clashes with bob", "bob\ufe0f", 409, "name_taken"},
		{"only a joiner", "\u200d", 400, "invalid_name"},
		{"persian name with ZWNJ", "می\u200cخواهم", 201, ""},
		{"emoji sequence with ZWJ", "👩\u200d💻 Ada", 201, ""},
	} {
		sc := scenario{name: tc.name, method: "POST", url: reg, body: body(tc.who), wantStatus: tc.status}
		if tc.code != "" {
			sc.wantIn = []string{`"code":"` + tc.code + `"`}
		}
		sc.run(t, a)
	}
	scenario{name: "only the accepted names are stored", method: "GET", url: "/api/admin/codelabs/" + id + "/attendees",
		admin: true, wantStatus: 200, wantNotIn: []string{`\u200b`, "\u200b", "\u202e", "yrrab"}}.run(t, a)
}
