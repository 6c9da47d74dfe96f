package api_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claatFullZip packs backend/importer/testdata/claat_full (every claat
// construct we keep) as an upload.
func claatFullZip(t *testing.T) []byte {
	t.Helper()
	dir := filepath.Join("..", "importer", "testdata", "claat_full")
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files["lab/"+filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return zipOf(t, files)
}

func TestImportClaatKeepsEverything(t *testing.T) {
	a, st := newAPI(t)
	e := &contentEnv{t: t, h: a, dir: filepath.Dir(st.Path())}
	m := decode(t, e.postFile("/api/admin/import", "full.zip", claatFullZip(t)), 201)
	id := m["id"].(string)
	if envs, _ := json.Marshal(m["environments"]); string(envs) != `["web","kiosk"]` || m["environment"] != "web" ||
		m["hidden_steps"] != float64(1) || m["polls"] != float64(2) || m["claat_status"] != "Published" {
		t.Errorf("got environments %s env %v hidden %v polls %v status %v; want [web kiosk] web 1 2 Published",
			envs, m["environment"], m["hidden_steps"], m["polls"], m["claat_status"])
	}
	if ws, _ := json.Marshal(m["warnings"]); !strings.Contains(string(ws), "status: Published") || !strings.Contains(string(ws), "fragments/missing.md") {
		t.Errorf("got warnings %s, want the Published note and the missing fragment", ws)
	}
	// The same warnings with codes and parameters, for the apps to translate.
	if ns, _ := json.Marshal(m["notices"]); !strings.Contains(string(ns), `"code":"published_hidden"`) ||
		!strings.Contains(string(ns), `"code":"fragment_missing"`) || !strings.Contains(string(ns), `"fragment":"lab/fragments/missing.md"`) {
		t.Errorf("got notices %s, want published_hidden and fragment_missing with its path", ns)
	}
	polls, err := st.CodelabPolls(context.Background(), id)
	if err != nil || len(polls) != 2 || polls[0].Question != "How will you use this codelab?" || polls[1].Step != 4 || len(polls[1].Options) != 2 {
		t.Errorf("got polls %+v (%v), want the two survey questions of step 4", polls, err)
	}
	admin := e.steps(id)
	if len(admin) != 4 || admin[2]["hidden"] != true || admin[1]["hidden"] != nil {
		t.Fatalf("admin steps: got %v, want 4 with step 3 hidden", admin)
	}

	scenario{name: "publish", method: "PATCH", url: "/api/admin/codelabs/" + id, body: `{"is_public":true}`, admin: true, wantStatus: 200}.run(t, e.h)
	out := scenario{name: "attendee view", method: "GET", url: "/api/codelabs/" + id, wantStatus: 200,
		wantIn: []string{
			`"feedback_url":"https://github.com/example/claat-full/issues"`,
			`class=\"button-link\"`, `class=\"link-card\"`, `code-block terminal`,
			`"number":3,"title":"Survey"`,
		},
		// The survey became prepared polls: asked live, not shown in the step.
		wantNotIn: []string{"Kiosk only", "kiosk", "&lt;button&gt;", "&lt;form&gt;", "&lt;video", `callout poll`, "Only read through it"},
	}.run(t, e.h)
	var pub struct{ Steps []struct{ Number int } }
	if json.Unmarshal([]byte(out), &pub); len(pub.Steps) != 3 {
		t.Errorf("attendee view: got %d steps, want 3 (the hidden one left out)", len(pub.Steps))
	}

	// Export and import again: same steps, durations, hidden flags, polls.
	rec := e.request("GET", "/api/admin/codelabs/"+id+"/export?format=claat", "", nil, true)
	if rec.Code != 200 {
		t.Fatalf("export: got %d %s", rec.Code, rec.Body.String())
	}
	name := "again.md"
	if strings.HasPrefix(rec.Body.String(), "PK") {
		name = "again.zip"
	}
	m2 := decode(t, e.postFile("/api/admin/import", name, rec.Body.Bytes()), 201)
	again := e.steps(m2["id"].(string))
	if len(again) != len(admin) || m2["polls"] != float64(2) || m2["claat_status"] != "Published" {
		t.Fatalf("re-import: got %d steps, %v polls, status %v; want %d, 2, Published", len(again), m2["polls"], m2["claat_status"], len(admin))
	}
	for i := range admin {
		for _, k := range []string{"title", "duration_minutes", "markdown", "hidden"} {
			if admin[i][k] != again[i][k] && k != "markdown" {
				t.Errorf("step %d %s: got %v after the round trip, want %v", i+1, k, again[i][k], admin[i][k])
			}
		}
		// Images point at new uploads after the second import; compare the rest.
		a, b := uploadURLRx.ReplaceAllString(admin[i]["markdown"].(string), "U"), uploadURLRx.ReplaceAllString(again[i]["markdown"].(string), "U")
		if a != b {
			t.Errorf("step %d markdown changed in the round trip:\n%s\n---\n%s", i+1, a, b)
		}
	}

	if got := decode(t, e.postFile("/api/admin/import", "full.zip", claatFullZip(t), "environment", "web,kiosk"), 400); errorCode(got) != "invalid_field" {
		t.Errorf("environment web,kiosk: got %v, want invalid_field", got)
	}
	kiosk := decode(t, e.postFile("/api/admin/import?environment=kiosk", "full.zip", claatFullZip(t)), 201)
	ks := e.steps(kiosk["id"].(string))
	if kiosk["environment"] != "kiosk" || ks[1]["hidden"] != true || ks[2]["hidden"] != nil {
		t.Errorf("environment=kiosk: got env %v, steps 2/3 hidden %v/%v; want kiosk, true/absent", kiosk["environment"], ks[1]["hidden"], ks[2]["hidden"])
	}
}

func TestImportGoogleDocExport(t *testing.T) {
	a, st := newAPI(t)
	e := &contentEnv{t: t, h: a, dir: filepath.Dir(st.Path())}
	dir := filepath.Join("..", "importer", "testdata", "gdoc_export")
	html, err := os.ReadFile(filepath.Join(dir, "BuildaGoWebServer.html"))
	if err != nil {
		t.Fatal(err)
	}
	// A wide image, as Docs exports them, is resized like an upload.
	files := map[string][]byte{"BuildaGoWebServer.html": html, "images/image1.png": pngBytes(t, 2400, 300)}
	m := decode(t, e.postFile("/api/admin/import", "BuildaGoWebServer.zip", zipOf(t, files)), 201)
	if m["import_format"] != "gdoc_zip" || m["images"] != float64(1) || m["polls"] != float64(2) || m["step_count"] != float64(3) {
		t.Errorf("got format %v, %v images, %v polls, %v steps; want gdoc_zip, 1, 2, 3", m["import_format"], m["images"], m["polls"], m["step_count"])
	}
	if ws, _ := json.Marshal(m["warnings"]); !strings.Contains(string(ws), "lh3.googleusercontent.com/remote-diagram.png") || !strings.Contains(string(ws), "docs.google.com/document/d/1abc") {
		t.Errorf("got warnings %s, want the remote image and the [[import]] named with their URLs", ws)
	}
	var width int
	if err := st.DB().QueryRow(`SELECT width FROM uploads`).Scan(&width); err != nil || width != 1600 {
		t.Errorf("got stored image width %d (%v), want 1600 (resized like uploads)", width, err)
	}
	steps := e.steps(m["id"].(string))
	if html, _ := steps[1]["html"].(string); !strings.Contains(html, `class="button-link" href="https://go.dev/dl/"`) || !strings.Contains(html, "code-block terminal") {
		t.Errorf("step 2 html %q lacks the button or the terminal", html)
	}

	for _, tc := range []struct{ name, file, data, code string }{
		{"not a doc", "notes.html", "<html><body><h2>Hi</h2><p>just a page</p></body></html>", "not_a_codelab_doc"},
		{"not utf-8", "doc.html", "\xff\xfe<h1>x</h1>", "not_utf8"},
	} {
		if got := decode(t, e.postFile("/api/admin/import", tc.file, []byte(tc.data)), 400); errorCode(got) != tc.code {
			t.Errorf("%s: got %v, want %s", tc.name, got, tc.code)
		}
	}
	if n := e.codelabCount(); n != 1 {
		t.Errorf("got %d codelabs, want only the good import", n)
	}
}
