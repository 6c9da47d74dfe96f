package api_test

import "testing"

// The workshop's default language (issue #11): "" or one shipped tag, else
// 400 invalid_field with nothing changed; attendees see it in the public JSON.
func TestCodelabLanguage(t *testing.T) {
	a, _ := newAPI(t)
	id := create(t, a, `{"title":"Lang","is_public":true,"language":"ko"}`)
	url := "/api/admin/codelabs/" + id
	for _, sc := range []scenario{
		{name: "created with ko", method: "GET", url: url, admin: true, wantStatus: 200, wantIn: []string{`"language":"ko"`}},
		{name: "public JSON carries it", method: "GET", url: "/api/codelabs/" + id, wantStatus: 200, wantIn: []string{`"language":"ko"`}},
		{name: "public list carries it", method: "GET", url: "/api/codelabs", wantStatus: 200, wantIn: []string{`"language":"ko"`}},
		{name: "zh-TW", method: "PATCH", url: url, body: `{"language":"zh-TW"}`, admin: true, wantStatus: 200, wantIn: []string{`"language":"zh-TW"`}},
		{name: "pt-BR", method: "PATCH", url: url, body: `{"language":"pt-BR"}`, admin: true, wantStatus: 200, wantIn: []string{`"language":"pt-BR"`}},
		{name: "ar", method: "PATCH", url: url, body: `{"language":"ar"}`, admin: true, wantStatus: 200, wantIn: []string{`"language":"ar"`}},
		{name: "other fields leave it", method: "PATCH", url: url, body: `{"title":"Lang 2"}`, admin: true, wantStatus: 200, wantIn: []string{`"language":"ar"`}},
		{name: "unknown tag", method: "PATCH", url: url, body: `{"language":"xx"}`, admin: true, wantStatus: 400,
			wantIn: []string{`"code":"invalid_field"`, "language"}},
		{name: "wrong case", method: "PATCH", url: url, body: `{"language":"zh-cn"}`, admin: true, wantStatus: 400, wantIn: []string{`"code":"invalid_field"`}},
		{name: "bare zh", method: "PATCH", url: url, body: `{"language":"zh"}`, admin: true, wantStatus: 400, wantIn: []string{`"code":"invalid_field"`}},
		{name: "pseudo-locale", method: "PATCH", url: url, body: `{"language":"en-XA"}`, admin: true, wantStatus: 400, wantIn: []string{`"code":"invalid_field"`}},
		{name: "padded", method: "PATCH", url: url, body: `{"language":" ko"}`, admin: true, wantStatus: 400, wantIn: []string{`"code":"invalid_field"`}},
		{name: "not a string", method: "PATCH", url: url, body: `{"language":1}`, admin: true, wantStatus: 400},
		{name: "bad on create", method: "POST", url: "/api/admin/codelabs", body: `{"title":"x","language":"klingon"}`, admin: true, wantStatus: 400,
			wantIn: []string{`"code":"invalid_field"`}},
		{name: "bad input changed nothing", method: "GET", url: url, admin: true, wantStatus: 200,
			wantIn: []string{`"language":"ar"`, `"title":"Lang 2"`}},
		{name: "cleared", method: "PATCH", url: url, body: `{"language":""}`, admin: true, wantStatus: 200, wantIn: []string{`"language":""`}},
		{name: "default is empty", method: "POST", url: "/api/admin/codelabs", body: `{"title":"none"}`, admin: true, wantStatus: 201,
			wantIn: []string{`"language":""`}},
	} {
		t.Run(sc.name, func(t *testing.T) { sc.run(t, a) })
	}
	scenario{name: "set ja", method: "PATCH", url: url, body: `{"language":"ja"}`, admin: true, wantStatus: 200}.run(t, a)
	scenario{name: "copy keeps it", method: "POST", url: url + "/copy", admin: true, wantStatus: 201, wantIn: []string{`"language":"ja"`}}.run(t, a)
}

// Export (our ZIP), import, backup and restore keep the default language.
func TestCodelabLanguageRoundTrips(t *testing.T) {
	e := newContentEnv(t)
	id := create(t, e.h, `{"title":"Travels","language":"de"}`)
	rec := e.request("GET", "/api/admin/codelabs/"+id+"/export?format=opencodelabs", "", nil, true)
	if rec.Code != 200 {
		t.Fatalf("export: got %d %s", rec.Code, rec.Body.String())
	}
	m := decode(t, e.postFile("/api/admin/import", "export.zip", rec.Body.Bytes()), 201)
	if m["language"] != "de" {
		t.Errorf("import of our export: got language %v, want de", m["language"])
	}

	archive := e.backup()
	if rec := e.request("PATCH", "/api/admin/codelabs/"+id, "application/json", []byte(`{"language":"fr"}`), true); rec.Code != 200 {
		t.Fatalf("patch: %d %s", rec.Code, rec.Body.String())
	}
	decode(t, e.postFile("/api/admin/restore", "backup.zip", archive), 200)
	if got := decode(t, e.request("GET", "/api/admin/codelabs/"+id, "", nil, true), 200); got["language"] != "de" {
		t.Errorf("after restore: got language %v, want de", got["language"])
	}
}
