package importer

import (
	"errors"
	"strings"
	"testing"
)

// FuzzImportZip feeds arbitrary bytes to Import as a ZIP upload: it must
// never panic, every refusal must be an *Error, and a nil error must come
// with a sane bundle. Seeds: f.Add below plus testdata/fuzz/FuzzImportZip.
func FuzzImportZip(f *testing.F) {
	f.Add(makeZip(f, entry{name: "codelab.json", data: okJSON}, entry{name: "step_01_A.md", data: "![i](images/i.png)"},
		entry{name: "images/i.png", data: "PNG"}, entry{name: "opencodelabs-desktop.json", data: `{"steps":[{"number":1,"title":"A","duration_minutes":3}]}`}))
	f.Add(makeZip(f, entry{name: "lab/lab.md", data: "id: x\n\n# T\n\n## S\nDuration: 1:00\n![a](img/a.png)\n"}, entry{name: "lab/img/a.png", data: "PNG"}))
	f.Add(makeZip(f, entry{name: "../x.md", data: "# T\n## S\n"}))
	f.Add(makeZip(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Import("upload.zip", data)
		if refused(t, b, err) {
			return
		}
		for _, a := range b.Assets {
			if p, err := cleanEntryName(a.Path); err != nil || p != a.Path || p == "" {
				t.Fatalf("asset path %q is not a clean relative path", a.Path)
			}
		}
	})
}

// FuzzParseClaat feeds arbitrary text to the claat parser: no panic, a
// nil error means a sane bundle, and the claat export of that bundle
// imports again.
func FuzzParseClaat(f *testing.F) {
	f.Add("summary: s\nid: x\n\n# Title\n\n## One\nDuration: 2:30\n\nPositive\n: tip\n\n## Two ##\n```\n## code\n```\n")
	f.Add("\ufeffid: w\r\n\r\n# W\r\n## S\r\n<aside class=\"negative\">\r\nwarn\r\n</aside>\r\n")
	f.Add("---\nid: f\n---\n# F\n## S\n> Positive: x\n> y\n")
	f.Add("id: c\nenvironments: web, kiosk\n\n# C\n\n## S\nEnvironment: kiosk\n<<frag.md>>\n<button>[Download](https://x.dev/a.zip)</button>\n<video id=\"abc\"></video>\n" +
		"![https://codepen.io/x](y.png)\n<form>\n<name>Q?</name>\n<input value=\"A\">\n<input value=\"B\">\n</form>\n```console\n$ x\n```\n")
	f.Add("## S\n<form><name>unclosed\n<button>\n[a](b)\n</button>\n> Poll: q\n> - a\n")
	f.Add("## only\n```\nunclosed")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		b, err := ParseClaat(text, "fallback")
		if !refused(t, b, err) {
			exportsAgain(t, b)
		}
	})
}

// FuzzImportGDoc feeds arbitrary text to the Google Docs HTML importer: no
// panic, every refusal an *Error, a nil error a sane bundle whose claat
// export imports again. Seeds: f.Add below plus testdata/fuzz/FuzzImportGDoc.
func FuzzImportGDoc(f *testing.F) {
	f.Add(`<style>.c1{color:#b7b7b7}.c2{font-family:"Courier New"}</style><p class="title">T</p><h1>S</h1><p><span class="c1">Duration: 3:00</span></p><table><tr><td><p><span class="c2">x := 1</span></p></td></tr></table>`)
	f.Add(`<style>.b{background-color:#cfe2f3}</style><h1>S</h1><table><tr><td class="b"><h4>Q?</h4><ul><li>A</li><li>B</li></ul></td></tr></table>`)
	f.Add(`<style>.g{background-color:#6aa84f}@media x{.g{}}</style><h1>S</h1><p><span class="g"><a href="https://www.google.com/url?q=https://x.dev/&amp;sa=D">Download</a></span><img src="images/a.png"><img src="http://r/x.png"></p>`)
	f.Add(`<h1></h1><h1>` + strings.Repeat("<span>", 200) + `deep`)
	f.Add(`<style>/* unclosed`)
	f.Fuzz(func(t *testing.T, text string) {
		b, err := Import("doc.html", []byte(text))
		if !refused(t, b, err) {
			exportsAgain(t, b)
		}
	})
}

// refused checks an importer's answer: a refusal (true) is an *Error with a
// code and a message and no bundle; an acceptance (false) is a sane bundle.
func refused(t *testing.T, b *Bundle, err error) bool {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Code == "" || e.Message == "" {
			t.Fatalf("got error %v (%T), want an *Error with code and message", err, err)
		}
		if b != nil {
			t.Fatalf("got a bundle with error %v", err)
		}
		return true
	}
	sane(t, b)
	return false
}

// exportsAgain checks that b's claat export imports again as a sane bundle.
func exportsAgain(t *testing.T, b *Bundle) {
	t.Helper()
	out, err := ExportClaat(b)
	if err != nil {
		t.Fatalf("ExportClaat: %v", err)
	}
	again, err := Import(out.Name, out.Data)
	if err != nil {
		t.Fatalf("re-import of the export: %v\n%s", err, out.Data)
	}
	sane(t, again)
}
