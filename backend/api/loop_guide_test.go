package api_test

import (
	"strings"
	"testing"
)

func TestGuideAccessCopyAndZipRoundTrip(t *testing.T) {
	l := newLoopLab(t, `{"require_quiz":true,"submission_max_file_bytes":4096}`)
	l.putQuiz(goodQuiz)
	admin := "/api/admin/codelabs/" + l.id + "/guide"
	pub := "/api/codelabs/" + l.id + "/guide"
	scenario{name: "guide required", method: "PUT", url: admin, admin: true, body: `{}`, wantStatus: 400}.run(t, l.api)
	scenario{name: "save guide", method: "PUT", url: admin, admin: true, body: `{"markdown":"# Before you come\n\nInstall **Go**. <script>x</script>"}`,
		wantStatus: 200, wantIn: []string{"<strong>Go</strong>", `"markdown":"# Before`, "&lt;script&gt;"}, wantNotIn: []string{"<script>x</script></p>"}}.run(t, l.api)
	ann, _ := l.register("Ann")
	for _, sc := range []scenario{
		{name: "locked without token", url: pub, wantStatus: 403, wantIn: []string{"access_code_required"}},
		{name: "with another codelab's token", url: pub + "?token=" + l.stranger(), wantStatus: 403},
		{name: "with the token", url: pub + "?token=" + ann, wantStatus: 200, wantIn: []string{"<strong>Go</strong>"}, wantNotIn: []string{`"markdown"`}},
		{name: "codelab hides the guide when locked", url: "/api/codelabs/" + l.id, wantStatus: 200, wantIn: []string{`"locked":true`},
			wantNotIn: []string{"Before you come"}},
		{name: "list hides guides", url: "/api/codelabs", wantStatus: 200, wantNotIn: []string{"Before you come"}},
		{name: "hidden codelab", url: "/api/codelabs/" + create(t, l.api, `{"title":"Hidden"}`) + "/guide", wantStatus: 404},
	} {
		sc.method = "GET"
		sc.run(t, l.api)
	}

	var cp struct {
		ID string
	}
	l.jsonOf(scenario{name: "copy", method: "POST", url: "/api/admin/codelabs/" + l.id + "/copy", admin: true, wantStatus: 201,
		wantIn: []string{`"require_quiz":true`, `"submission_max_file_bytes":4096`, "Before you come"}}, &cp)
	scenario{name: "copy has the quiz", method: "GET", url: "/api/admin/codelabs/" + cp.ID + "/quiz", admin: true, wantStatus: 200,
		wantIn: []string{"2+2?", `"accept":["Paris"]`, `"step":2`}}.run(t, l.api)

	exp := l.get("/api/admin/codelabs/"+l.id+"/export?format=opencodelabs", adminToken)
	files := unzip(t, exp.Body.Bytes())
	if !strings.Contains(string(files["preparation_guide.md"]), "Before you come") {
		t.Errorf("export: preparation_guide.md = %q", files["preparation_guide.md"])
	}
	rec := postImport(t, l, exp.Body.Bytes())
	if rec.Code != 201 {
		t.Fatalf("import: got %d %s", rec.Code, rec.Body)
	}
	var imp struct{ ID string }
	l.jsonOf(scenario{name: "imported", method: "GET", url: "/api/admin/codelabs/" + decodeSub(t, rec.Body.String())["id"].(string), admin: true,
		wantStatus: 200, wantIn: []string{`"require_quiz":true`, `"submission_max_file_bytes":4096`, "Before you come", `"quiz_enabled":true`}}, &imp)
	scenario{name: "imported quiz", method: "GET", url: "/api/admin/codelabs/" + imp.ID + "/quiz", admin: true, wantStatus: 200,
		wantIn: []string{"2+2?", `"accept":["Paris"]`, `"step":2`, `"answers":[0,1]`}}.run(t, l.api)
}
