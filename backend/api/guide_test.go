package api_test

import (
	"encoding/json"
	"testing"
)

// TestGuideOfCodedCodelab: the preparation guide of a codelab with an
// access code follows the steps' rule: only its registered attendees get it.
func TestGuideOfCodedCodelab(t *testing.T) {
	a, _ := newAPI(t)
	coded := create(t, a, `{"title":"Coded","is_public":true,"access_code":"s3cret","guide_markdown":"Install the secret SDK"}`)
	open := create(t, a, `{"title":"Open","is_public":true,"guide_markdown":"Bring a laptop"}`)
	other := create(t, a, `{"title":"Other","is_public":true,"access_code":"other"}`)
	reg := func(id, code string) string {
		out := scenario{name: "register", method: "POST", url: "/api/codelabs/" + id + "/attendees",
			body: `{"name":"ann","code":"` + code + `"}`, wantStatus: 201}.run(t, a)
		var r struct{ Token string }
		json.Unmarshal([]byte(out), &r)
		return r.Token
	}
	mine, others := reg(coded, "s3cret"), reg(other, "other")
	for _, sc := range []scenario{
		{name: "no token", method: "GET", url: "/api/codelabs/" + coded, wantStatus: 200,
			wantIn: []string{`"locked":true`, `"guide_markdown":""`}, wantNotIn: []string{"secret SDK"}},
		{name: "another codelab's token", method: "GET", url: "/api/codelabs/" + coded, token: others, wantStatus: 200,
			wantIn: []string{`"locked":true`}, wantNotIn: []string{"secret SDK"}},
		{name: "bogus token", method: "GET", url: "/api/codelabs/" + coded, token: "bogus", wantStatus: 200, wantNotIn: []string{"secret SDK"}},
		// The list carries summary fields only: no guide text for any codelab.
		{name: "public list", method: "GET", url: "/api/codelabs", wantStatus: 200,
			wantIn: []string{`"title":"Coded"`}, wantNotIn: []string{"secret SDK", "Bring a laptop"}},
		{name: "registered attendee", method: "GET", url: "/api/codelabs/" + coded, token: mine, wantStatus: 200,
			wantIn: []string{"Install the secret SDK"}, wantNotIn: []string{`"locked":true`}},
		{name: "codelab without code", method: "GET", url: "/api/codelabs/" + open, wantStatus: 200, wantIn: []string{"Bring a laptop"}},
		{name: "facilitator", method: "GET", url: "/api/admin/codelabs/" + coded, admin: true, wantStatus: 200, wantIn: []string{"Install the secret SDK"}},
	} {
		sc.run(t, a)
	}
}
