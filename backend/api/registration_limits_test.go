package api_test

import (
	"net/http"
	"testing"
)

// TestRegistrationCap: a codelab takes at most max_attendees registrations
// (default 2,000), settable by the facilitator; the next gets 409 codelab_full.
func TestRegistrationCap(t *testing.T) {
	a, _ := newAPI(t)
	def := create(t, a, `{"title":"Default","is_public":true}`)
	scenario{name: "default cap", method: "GET", url: "/api/admin/codelabs/" + def, admin: true, wantStatus: 200,
		wantIn: []string{`"max_attendees":2000`}}.run(t, a)
	id := create(t, a, `{"title":"Small","is_public":true,"access_code":"k","max_attendees":2}`)
	reg := "/api/codelabs/" + id + "/attendees"
	for _, sc := range []scenario{
		{name: "first", method: "POST", url: reg, body: `{"name":"ann","code":"k"}`, wantStatus: 201},
		{name: "second", method: "POST", url: reg, body: `{"name":"ben","code":"k"}`, wantStatus: 201},
		{name: "third is refused", method: "POST", url: reg, body: `{"name":"cat","code":"k"}`,
			wantStatus: http.StatusConflict, wantIn: []string{`"code":"codelab_full"`, "full"}},
		{name: "a wrong code is still a wrong code", method: "POST", url: reg, body: `{"name":"cat","code":"x"}`,
			wantStatus: 403, wantIn: []string{`"code":"wrong_code"`}},
		{name: "cap 0 is refused", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"max_attendees":0}`, admin: true,
			wantStatus: 400, wantIn: []string{`"code":"invalid_field"`, "max_attendees"}},
		{name: "cap above the limit is refused", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"max_attendees":100001}`,
			admin: true, wantStatus: 400, wantIn: []string{"max_attendees"}},
		{name: "refused patches changed nothing", method: "GET", url: "/api/admin/codelabs/" + id, admin: true, wantStatus: 200,
			wantIn: []string{`"max_attendees":2`}},
		{name: "facilitator raises the cap", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"max_attendees":3}`, admin: true,
			wantStatus: 200, wantIn: []string{`"max_attendees":3`}},
		{name: "third now fits", method: "POST", url: reg, body: `{"name":"cat","code":"k"}`, wantStatus: 201},
		{name: "public detail does not show the cap", method: "GET", url: "/api/codelabs/" + id, wantStatus: 200,
			wantNotIn: []string{"max_attendees"}},
	} {
		sc.run(t, a)
	}
	scenario{name: "copy keeps the cap", method: "POST", url: "/api/admin/codelabs/" + id + "/copy", admin: true, wantStatus: 201,
		wantIn: []string{`"max_attendees":3`}}.run(t, a)
}

// TestJSONContentTypeRequired: JSON-body endpoints refuse other content
// types (a form or text/plain POST from another page on the network) with
// 415 and change nothing.
func TestJSONContentTypeRequired(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"Open","is_public":true}`)
	reg := "/api/codelabs/" + id + "/attendees"
	for _, sc := range []scenario{
		{name: "text/plain", method: "POST", url: reg, body: `{"name":"ann"}`, contentType: "text/plain",
			wantStatus: http.StatusUnsupportedMediaType, wantIn: []string{`"code":"unsupported_media_type"`, "application/json"}},
		{name: "form", method: "POST", url: reg, body: `name=ann`, contentType: "application/x-www-form-urlencoded",
			wantStatus: http.StatusUnsupportedMediaType, wantIn: []string{`"code":"unsupported_media_type"`}},
		{name: "multipart", method: "POST", url: reg, body: `{"name":"ann"}`, contentType: "multipart/form-data; boundary=x",
			wantStatus: http.StatusUnsupportedMediaType},
		{name: "no content type", method: "POST", url: reg, body: `{"name":"ann"}`, contentType: "none",
			wantStatus: http.StatusUnsupportedMediaType},
		{name: "continue code as text/plain", method: "POST", url: reg + "/continue", body: `{"continue_code":"AAAAAA"}`,
			contentType: "text/plain", wantStatus: http.StatusUnsupportedMediaType},
		{name: "admin endpoint as text/plain", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"title":"Hacked"}`,
			contentType: "text/plain", admin: true, wantStatus: http.StatusUnsupportedMediaType},
		{name: "nothing changed", method: "GET", url: "/api/admin/codelabs/" + id + "/attendees", admin: true, wantStatus: 200,
			wantNotIn: []string{"ann"}},
		{name: "title unchanged", method: "GET", url: "/api/admin/codelabs/" + id, admin: true, wantStatus: 200,
			wantNotIn: []string{"Hacked"}},
		{name: "JSON with a charset", method: "POST", url: reg, body: `{"name":"ann"}`, contentType: "application/json; charset=utf-8",
			wantStatus: 201},
	} {
		sc.run(t, a)
	}
}
