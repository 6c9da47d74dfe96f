package importer

import (
	"errors"
	"golang.org/x/net/html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenGDocExport imports a realistic "Web page (.html, zipped)"
// export (generated class names, styles only in <style>) and compares the
// result with a golden dump.
func TestGoldenGDocExport(t *testing.T) {
	b, f, err := ImportWith("export.zip", zipDir(t, filepath.Join("testdata", "gdoc_export")), Options{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if f != FormatGDocZip {
		t.Errorf("format: got %q, want %q", f, FormatGDocZip)
	}
	sane(t, b)
	checkGolden(t, "gdoc_export", dumpBundle(b))
}

func TestGDocBareHTML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "gdoc_export", "BuildaGoWebServer.html"))
	if err != nil {
		t.Fatal(err)
	}
	b, f, err := ImportWith("BuildaGoWebServer.html", data, Options{})
	if err != nil || f != FormatGDocHTML {
		t.Fatalf("got %v %q, want a gdoc_html import", err, f)
	}
	if len(b.Assets) != 0 || len(b.Missing) != 1 || b.Missing[0] != "images/image1.png" {
		t.Errorf("got assets %d, missing %q; want none and images/image1.png missing", len(b.Assets), b.Missing)
	}
}

func TestGDocRefusals(t *testing.T) {
	for _, tc := range []struct{ name, file, data, code string }{
		{"not a doc", "page.html", "<html><body><p>Hello</p><h2>Not a step</h2></body></html>", CodeNotClaatDoc},
		{"empty", "page.html", "", CodeNotClaatDoc},
		{"binary", "page.html", "\x00\x01", CodeNotUTF8},
	} {
		b, err := Import(tc.file, []byte(tc.data))
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code || b != nil {
			t.Errorf("%s: got %v %v, want %s", tc.name, b, err, tc.code)
		}
	}
	two := makeZip(t, entry{name: "a.html", data: "<h1>A</h1>"}, entry{name: "b.html", data: "<h1>B</h1>"})
	if _, err := Import("x.zip", two); err == nil || !strings.Contains(err.Error(), "several HTML") {
		t.Errorf("two HTML files: got %v, want a bad_zip refusal", err)
	}
}

func TestParseCSS(t *testing.T) {
	css := cssClasses{}
	parseCSS(`@import url(x.css);/*c{}*/.c1{color:#B7B7B7;font-family:"Courier New",monospace}.c2,.c3{background-color:#d9ead3}`+
		`@media print{.c1{color:red}}p .c4{color:blue}.c5:hover{color:green}.c1{font-weight:700}`, css)
	for _, tc := range []struct{ class, key, want string }{
		{"c1", "color", "#b7b7b7"}, {"c1", "font-family", "courier new,monospace"}, {"c1", "font-weight", "700"},
		{"c2", "background-color", "#d9ead3"}, {"c3", "background-color", "#d9ead3"}, {"c4", "color", ""}, {"c5", "color", ""},
	} {
		if got := css[tc.class][tc.key].val; got != tc.want {
			t.Errorf(".%s %s: got %q, want %q", tc.class, tc.key, got, tc.want)
		}
	}
	// Two classes on one element: the later rule in the stylesheet wins.
	parseCSS(`.a{font-style:italic}.b{font-style:normal}.d{font-style:italic}`, css)
	for _, tc := range []struct{ class, want string }{{"a b", "normal"}, {"b a", "normal"}, {"b d", "italic"}} {
		n := &html.Node{Type: html.ElementNode, Data: "span", Attr: []html.Attribute{{Key: "class", Val: tc.class}}}
		if got := css.styleOf(n, "font-style"); got != tc.want {
			t.Errorf("class=%q: got %q, want %q", tc.class, got, tc.want)
		}
	}
}
