package app

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHelpDocsServer(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":           {Data: []byte("# Open Codelabs\n\nSee [the API](docs/api.md). <script>alert(1)</script>\n")},
		"docs/api.md":         {Data: []byte("# API\n\nBack to [README](../README.md).\n")},
		"docs/screenshot.png": {Data: []byte("\x89PNG\r\n\x1a\nfake")},
		"secret.txt":          {Data: []byte("not served")},
	}
	d := &docsServer{fsys: fsys}
	base, err := d.URL()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("help server at %s, want loopback", base)
	}
	if again, _ := d.URL(); again != base {
		t.Errorf("second URL() started another server: %s vs %s", again, base)
	}
	get := func(p string) (int, string, string) {
		t.Helper()
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	code, ctype, body := get("")
	if code != 200 || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, `<a href="docs/api.md">the API</a>`) {
		t.Errorf("README: got %d %s %s", code, ctype, body)
	}
	if strings.Contains(body, "<script>") {
		t.Error("README: raw HTML was not escaped")
	}
	if !strings.Contains(body, `href="/docs/api.md"`) {
		t.Error("README: no navigation link to docs/api.md")
	}
	if code, _, body = get("docs/api.md"); code != 200 || !strings.Contains(body, "<h1") {
		t.Errorf("docs/api.md: got %d %s", code, body)
	}
	if code, ctype, _ = get("docs/screenshot.png"); code != 200 || ctype != "image/png" {
		t.Errorf("png: got %d %s", code, ctype)
	}
	for _, p := range []string{"secret.txt", "docs/missing.md", "docs/../../etc/passwd.md", "%2e%2e/etc/passwd.md"} {
		if code, _, _ = get(p); code != 404 {
			t.Errorf("%s: got %d, want 404", p, code)
		}
	}
}

func TestHelpDocsWithoutDocs(t *testing.T) {
	if _, err := (&docsServer{}).URL(); err == nil {
		t.Error("no docs: got a URL, want an error")
	}
}
