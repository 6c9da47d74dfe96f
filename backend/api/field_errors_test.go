package api_test

import "testing"

// A 400 invalid_field names the field, the reason and the values its message
// needs, next to the English message, so the apps can translate it.
func TestInvalidFieldDetails(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"Fields"}`)
	url := "/api/admin/codelabs/" + id
	for _, sc := range []scenario{
		{name: "empty title", method: "PATCH", url: url, body: `{"title":"  "}`, admin: true, wantStatus: 400,
			wantIn: []string{`"code":"invalid_field"`, `"field":"title"`, `"reason":"empty"`, `"message":"The field title must not be empty."`}},
		{name: "title too long", method: "POST", url: "/api/admin/codelabs", body: `{"title":"` + long(301) + `"}`, admin: true, wantStatus: 400,
			wantIn: []string{`"field":"title"`, `"reason":"too_long"`, `"params":{"max":300}`}},
		{name: "max attendees out of range", method: "PATCH", url: url, body: `{"max_attendees":0}`, admin: true, wantStatus: 400,
			wantIn: []string{`"field":"max_attendees"`, `"reason":"range"`, `"min":1`}},
		{name: "unknown language", method: "PATCH", url: url, body: `{"language":"xx"}`, admin: true, wantStatus: 400,
			wantIn: []string{`"field":"language"`, `"reason":"one_of"`, `"choices":"`}},
		{name: "a step's empty title", method: "PUT", url: url + "/steps", body: `{"steps":[{"title":"One"},{"title":" "}]}`, admin: true, wantStatus: 400,
			wantIn: []string{`"field":"steps[].title"`, `"reason":"empty"`, `"params":{"step":2}`}},
		{name: "nothing changed", method: "GET", url: url, admin: true, wantStatus: 200, wantIn: []string{`"title":"Fields"`}},
	} {
		sc.run(t, a)
	}
}

func long(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}
