package api_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"strings"
	"testing"
)

// claatSample is the start of googlecodelabs/tools sample/codelab.md: a
// bare .md whose image lives in img/, which the upload cannot carry.
const claatSample = `author: Marc DiPasquale
summary: Create a CodeLab Using Markdown
id: codelab-4-codelab-markdown
categories: codelab,markdown
environments: Web
status: Published
feedback link: https://github.com/Mrc0113/codelab-4-codelab

# CodeLab to Create a CodeLab

## CodeLab Overview
Duration: 0:02:00

Here is an example image of another CodeLab that I created:
![image_caption](img/codelabexample.png)

## Environment Setup
Duration: 0:04:00

Again: ![image_caption](img/codelabexample.png) and ![remote](https://example.com/x.png)
`

func TestImportListsAndFixesMissingImages(t *testing.T) {
	e := newContentEnv(t)
	m := decode(t, e.postFile("/api/admin/import", "codelab.md", []byte(claatSample)), 201)
	id := m["id"].(string)
	if ws, _ := json.Marshal(m["warnings"]); !strings.Contains(string(ws), "img/codelabexample.png") {
		t.Errorf("got warnings %s, want one naming img/codelabexample.png", ws)
	}
	if ms, _ := json.Marshal(m["missing_images"]); string(ms) != `["img/codelabexample.png"]` {
		t.Errorf("got missing_images %s, want [\"img/codelabexample.png\"]", ms)
	}
	base := "/api/admin/codelabs/" + id + "/missing-images"
	scenario{name: "list", method: "GET", url: base, admin: true, wantStatus: 200,
		wantIn: []string{`"ref":"img/codelabexample.png"`, `"steps":[1,2]`}, wantNotIn: []string{"example.com"}}.run(t, e.h)

	for _, tc := range []struct {
		name, ref string
		data      []byte
		status    int
		code      string
	}{
		{"no ref", "", pngBytes(t, 4, 4), 400, "invalid_field"},
		{"remote ref", "https://example.com/x.png", pngBytes(t, 4, 4), 400, "invalid_field"},
		{"unused ref", "img/other.png", pngBytes(t, 4, 4), 400, "unknown_reference"},
		{"not an image", "img/codelabexample.png", []byte("not a png"), 400, "unsupported_image"},
	} {
		if got := decode(t, e.postFile(base, "x.png", tc.data, "ref", tc.ref), tc.status); errorCode(got) != tc.code {
			t.Errorf("%s: got %v, want code %s", tc.name, got, tc.code)
		}
	}
	if files := e.uploadFiles(); len(files) != 0 {
		t.Fatalf("got upload files %v after refused fixes, want none", files)
	}

	img := pngBytes(t, 40, 30)
	fixed := decode(t, e.postFile(base, "codelabexample.png", img, "ref", "img/codelabexample.png"), 200)
	url, _ := fixed["url"].(string)
	if !uploadURLRx.MatchString(url) {
		t.Fatalf("got url %q, want uploads/<name>", url)
	}
	if s, _ := json.Marshal(fixed["steps"]); string(s) != "[1,2]" {
		t.Errorf("got fixed steps %s, want [1,2]", s)
	}
	if ms, _ := json.Marshal(fixed["missing"]); string(ms) != "[]" {
		t.Errorf("got still missing %s, want []", ms)
	}
	for i, st := range e.steps(id) {
		md, _ := st["markdown"].(string)
		html, _ := st["html"].(string)
		if strings.Contains(md, "img/codelabexample.png") || !strings.Contains(md, "![image_caption]("+url+")") || !strings.Contains(html, `src="`+url+`"`) {
			t.Errorf("step %d: got markdown %q html %q, want the reference pointed at %s", i+1, md, html, url)
		}
	}
	if rec := e.request("GET", "/"+url, "", nil, false); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Errorf("GET /%s: got %d, want 200 with the uploaded image", url, rec.Code)
	}
	scenario{name: "list after fix", method: "GET", url: base, admin: true, wantStatus: 200, wantIn: []string{`"missing":[]`}}.run(t, e.h)
	if got := decode(t, e.postFile(base, "x.png", pngBytes(t, 4, 4), "ref", "img/codelabexample.png"), 400); errorCode(got) != "unknown_reference" {
		t.Errorf("second fix: got %v, want unknown_reference", got)
	}
	if files := e.uploadFiles(); len(files) != 1 {
		t.Errorf("got upload files %v, want exactly the one fix", files)
	}
	scenario{name: "no token", method: "GET", url: base, wantStatus: 401}.run(t, e.h)
	scenario{name: "unknown codelab", method: "GET", url: "/api/admin/codelabs/nope/missing-images", admin: true, wantStatus: 404}.run(t, e.h)
}

func TestImportLimits(t *testing.T) {
	e := newContentEnv(t)
	big := "id: big\n\n# Big\n\n## Huge step\n" + strings.Repeat("word ", 41<<10) + "\n"
	if m := decode(t, e.postFile("/api/admin/import", "big.md", []byte(big)), 413); errorCode(m) != "markdown_too_large" {
		t.Errorf("201 KB step: got %v, want markdown_too_large", m)
	}

	// Five real 25-megapixel PNGs (all black, so the ZIP stays small): their
	// headers add up past 100 megapixels and the import is refused before
	// any is decoded or stored.
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 5000, 5000))); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"lab/lab.md": []byte("id: px\n\n# Pixels\n\n## One\n![a](img/0.png) ![b](img/1.png) ![c](img/2.png) ![d](img/3.png) ![e](img/4.png)\n")}
	for _, n := range []string{"0", "1", "2", "3", "4"} {
		files["lab/img/"+n+".png"] = buf.Bytes()
	}
	m := decode(t, e.postFile("/api/admin/import", "px.zip", zipOf(t, files)), 413)
	if errorCode(m) != "import_too_many_pixels" {
		t.Errorf("125 megapixels: got %v, want import_too_many_pixels", m)
	}
	if n := e.codelabCount(); n != 0 {
		t.Errorf("got %d codelabs, want none after refused imports", n)
	}
	if files := e.uploadFiles(); len(files) != 0 {
		t.Errorf("got upload files %v, want none", files)
	}
}
