package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const claatDoc = `summary: A tiny server
id: tiny-server
authors: Ada
tags: go

# Tiny Server

## Overview
Duration: 2:00

You will build a server.

![Architecture](img/arch.png)

## Write it
Duration: 5:00

Write the code. ![remote](https://example.com/x.png)
`

var uploadURLRx = regexp.MustCompile(`uploads/[a-z2-7]{32}\.(png|jpg|gif|webp)`)

func TestImportEachFormat(t *testing.T) {
	e := newContentEnv(t)
	png := pngBytes(t, 30, 20)

	m := decode(t, e.postFile("/api/admin/import", "tiny.md", []byte(strings.Replace(claatDoc, "![Architecture](img/arch.png)", "", 1))), 201)
	if m["title"] != "Tiny Server" || m["step_count"] != float64(2) || m["import_format"] != "claat_md" {
		t.Errorf("claat .md: got title %v, %v steps, format %v; want Tiny Server, 2, claat_md", m["title"], m["step_count"], m["import_format"])
	}

	m = decode(t, e.postFile("/api/admin/import", "lab.zip", zipOf(t, map[string][]byte{"lab/tiny.md": []byte(claatDoc), "lab/img/arch.png": png})), 201)
	st := e.steps(m["id"].(string))
	md, _ := st[0]["markdown"].(string)
	url := uploadURLRx.FindString(md)
	if url == "" || strings.Contains(md, "img/arch.png") {
		t.Fatalf("claat zip: got step markdown %q, want the image rewritten to uploads/<name>", md)
	}
	if html, _ := st[0]["html"].(string); !strings.Contains(html, `src="`+url+`"`) {
		t.Errorf("claat zip: got html %q, want a relative img src %q", html, url)
	}
	if rec := e.request("GET", "/"+url, "", nil, false); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), png) {
		t.Errorf("claat zip: GET /%s got %d (%d bytes), want 200 with the imported image", url, rec.Code, rec.Body.Len())
	}
	if md2, _ := st[1]["markdown"].(string); !strings.Contains(md2, "https://example.com/x.png") {
		t.Errorf("claat zip: got %q, want the absolute image URL unchanged", md2)
	}

	oc := zipOf(t, map[string][]byte{
		"codelab.json":         []byte(`{"id":"x","title":"From Rust","description":"d","author":"Bo","is_public":true}`),
		"step_01_Intro.md":     []byte("Hello\n\n![p](images/pic.png)\n"),
		"step_02_Next_step.md": []byte("Bye\n"),
		"images/pic.png":       png,
	})
	m = decode(t, e.postFile("/api/admin/import", "export.zip", oc), 201)
	if m["title"] != "From Rust" || m["import_format"] != "opencodelabs" || m["images"] != float64(1) {
		t.Errorf("opencodelabs: got %v %v %v images, want From Rust, opencodelabs, 1", m["title"], m["import_format"], m["images"])
	}
	st = e.steps(m["id"].(string))
	if len(st) != 2 || st[1]["title"] != "Next step" || !uploadURLRx.MatchString(st[0]["markdown"].(string)) {
		t.Errorf("opencodelabs: got steps %v, want 2 with the image rewritten", st)
	}
	if n := len(e.uploadFiles()); n != 2 {
		t.Errorf("got %d upload files, want 2", n)
	}
}

func TestImportErrorsLeaveNothing(t *testing.T) {
	e := newContentEnv(t)
	png := pngBytes(t, 10, 10)
	for _, tc := range []struct {
		name, filename string
		data           []byte
		status         int
		code           string
	}{
		{"zip slip", "evil.zip", zipOf(t, map[string][]byte{"../evil.md": []byte("# T\n## S\nx"), "img/a.png": png}), 400, "zip_slip"},
		{"no steps", "empty.md", []byte("# Only a title\n"), 400, "no_steps"},
		{"not a codelab", "notes.pdf", []byte("%PDF-1.4"), 400, "unsupported_format"},
		{"broken zip", "x.zip", []byte("PK\x03\x04garbage"), 400, "bad_zip"},
		{"too large", "huge.md", bytes.Repeat([]byte("a"), 50<<20+1), 413, "import_too_large"},
	} {
		if m := decode(t, e.postFile("/api/admin/import", tc.filename, tc.data), tc.status); errorCode(m) != tc.code {
			t.Errorf("%s: got %v, want code %s", tc.name, m, tc.code)
		}
	}
	if n := e.codelabCount(); n != 0 {
		t.Errorf("got %d codelabs, want none after failed imports", n)
	}
	if files := e.uploadFiles(); len(files) != 0 {
		t.Errorf("got upload files %v, want none", files)
	}
}

func TestImportTransactionFailureRemovesFiles(t *testing.T) {
	a, st := newAPI(t)
	e := &contentEnv{t: t, h: a, dir: filepath.Dir(st.Path())}
	// A real SQLite failure in the middle of the import's transaction.
	err := st.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`CREATE TRIGGER refuse_uploads BEFORE INSERT ON uploads BEGIN SELECT RAISE(ABORT, 'disk says no'); END`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	zipData := zipOf(t, map[string][]byte{"lab/tiny.md": []byte(claatDoc), "lab/img/arch.png": pngBytes(t, 10, 10)})
	if rec := e.postFile("/api/admin/import", "lab.zip", zipData); rec.Code != 500 {
		t.Fatalf("got %d %s, want 500", rec.Code, rec.Body.String())
	}
	if n := e.codelabCount(); n != 0 {
		t.Errorf("got %d codelabs, want none", n)
	}
	if files := e.uploadFiles(); len(files) != 0 {
		t.Errorf("got upload files %v, want none", files)
	}
	var steps int
	st.DB().QueryRow(`SELECT COUNT(*) FROM steps`).Scan(&steps)
	if steps != 0 {
		t.Errorf("got %d steps, want none", steps)
	}
}

// normalize replaces upload names so markdown of two imports compares.
func normalize(md string) string { return uploadURLRx.ReplaceAllString(md, "uploads/IMG") }

func TestExportImportRoundTrip(t *testing.T) {
	for _, format := range []string{"opencodelabs", "claat"} {
		t.Run(format, func(t *testing.T) {
			e := newContentEnv(t)
			id := create(e.t, e.h, `{"title":"Round Trip","description":"There and back","author":"Ada","duration_minutes":20}`)
			up := decode(t, e.postFile("/api/admin/uploads", "shot.png", pngBytes(t, 50, 40), "codelab_id", id), 201)
			body := `{"steps":[{"title":"First step","markdown":"Look:\n\n` + up["markdown"].(string) + `\n\nText.","duration_minutes":5},` +
				`{"title":"Second step","markdown":"Run ` + "`go test`" + `.\n\n- a\n- b","duration_minutes":10}]}`
			if rec := e.request("PUT", "/api/admin/codelabs/"+id+"/steps", "application/json", []byte(body), true); rec.Code != 200 {
				t.Fatalf("put steps: got %d %s", rec.Code, rec.Body.String())
			}
			rec := e.request("GET", "/api/admin/codelabs/"+id+"/export?format="+format, "", nil, true)
			if rec.Code != 200 {
				t.Fatalf("export: got %d %s", rec.Code, rec.Body.String())
			}
			cd := rec.Header().Get("Content-Disposition")
			if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".zip") {
				t.Errorf("export: got Content-Disposition %q, want an attachment .zip", cd)
			}
			files := unzip(t, rec.Body.Bytes())
			imgDir := map[string]string{"opencodelabs": "images/", "claat": "img/"}[format]
			found := false
			for name := range files {
				found = found || strings.HasPrefix(name, imgDir) && strings.HasSuffix(name, ".png")
			}
			if !found {
				t.Errorf("export: got entries %v, want the upload under %s", keys(files), imgDir)
			}

			m := decode(t, e.postFile("/api/admin/import", "export.zip", rec.Body.Bytes()), 201)
			newID := m["id"].(string)
			if newID == id {
				t.Fatalf("import: got the same id %s, want a new one", id)
			}
			before, after := e.steps(id), e.steps(newID)
			if len(before) != len(after) {
				t.Fatalf("got %d steps, want %d", len(after), len(before))
			}
			for i := range before {
				for _, k := range []string{"title", "duration_minutes"} {
					if before[i][k] != after[i][k] {
						t.Errorf("step %d %s: got %v, want %v", i+1, k, after[i][k], before[i][k])
					}
				}
				if b, a := normalize(before[i]["markdown"].(string)), normalize(after[i]["markdown"].(string)); strings.TrimSpace(a) != strings.TrimSpace(b) {
					t.Errorf("step %d markdown: got %q, want %q", i+1, a, b)
				}
			}
			newURL := uploadURLRx.FindString(after[0]["markdown"].(string))
			if newURL == "" || newURL == up["url"] {
				t.Fatalf("got image url %q, want a new upload", newURL)
			}
			orig := e.request("GET", "/"+up["url"].(string), "", nil, false).Body.Bytes()
			if got := e.request("GET", "/"+newURL, "", nil, false).Body.Bytes(); !bytes.Equal(got, orig) {
				t.Errorf("re-imported image differs from the original (%d vs %d bytes)", len(got), len(orig))
			}
		})
	}
}

func TestExportClaatWithoutUploadsIsMarkdown(t *testing.T) {
	e := newContentEnv(t)
	id := create(e.t, e.h, `{"title":"Plain"}`)
	e.request("PUT", "/api/admin/codelabs/"+id+"/steps", "application/json", []byte(`{"steps":[{"title":"One","markdown":"Hi"}]}`), true)
	rec := e.request("GET", "/api/admin/codelabs/"+id+"/export?format=claat", "", nil, true)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/markdown") || !strings.Contains(rec.Body.String(), "## One") {
		t.Errorf("got %d %q %q, want a claat .md", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
	if m := decode(t, e.request("GET", "/api/admin/codelabs/"+id+"/export?format=pdf", "", nil, true), 400); errorCode(m) != "invalid_format" {
		t.Errorf("format=pdf: got %v, want invalid_format", m)
	}
	if rec := e.request("GET", "/api/admin/codelabs/nope/export", "", nil, true); rec.Code != 404 {
		t.Errorf("unknown codelab: got %d, want 404", rec.Code)
	}
}

func keys(m map[string][]byte) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}
