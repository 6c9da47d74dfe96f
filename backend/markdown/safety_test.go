package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// allowedTags is every element the renderer may emit.
var allowedTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"a": true, "img": true, "em": true, "strong": true, "del": true, "code": true,
	"pre": true, "span": true, "div": true, "ul": true, "ol": true, "li": true,
	"input": true, "table": true, "thead": true, "tbody": true, "tr": true,
	"th": true, "td": true, "blockquote": true, "aside": true, "dl": true,
	"dt": true, "dd": true, "hr": true, "br": true,
}

// allowedAttrs is every attribute the renderer may emit.
var allowedAttrs = map[string]bool{
	"class": true, "id": true, "href": true, "src": true, "alt": true, "title": true,
	"loading": true, "align": true, "checked": true, "disabled": true, "type": true,
	"data-lang": true, "start": true, "tabindex": true,
}

// unsafeScheme is an oracle independent of safeURL: does a browser reading
// this attribute value (already entity-decoded by the tokenizer) see a
// script-capable or data scheme?
func unsafeScheme(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r > 0x20 && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	for _, p := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// checkSafeHTML fails t if out contains an element, attribute or URL the
// renderer must never produce.
func checkSafeHTML(t *testing.T, src, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("output contains <script\nsource: %q\noutput: %q", src, out)
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if !allowedTags[tok.Data] {
			t.Fatalf("got element <%s>, want only allowed elements\nsource: %q\noutput: %q", tok.Data, src, out)
		}
		for _, a := range tok.Attr {
			if !allowedAttrs[a.Key] {
				t.Fatalf("got attribute %s on <%s>, want only allowed attributes\nsource: %q\noutput: %q", a.Key, tok.Data, src, out)
			}
			if (a.Key == "href" || a.Key == "src") && unsafeScheme(a.Val) {
				t.Fatalf("got %s=%q, want no unsafe scheme\nsource: %q\noutput: %q", a.Key, a.Val, src, out)
			}
		}
	}
}

// dangerousSources are inputs that try to get script or unsafe URLs through.
var dangerousSources = []string{
	"<script>alert(1)</script>",
	"x <script>alert(1)</script> y",
	"<SCRIPT SRC=//evil/x.js></SCRIPT>",
	"<img src=x onerror=alert(1)>",
	"<a href=\"javascript:alert(1)\">x</a>",
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](< javascript:alert(1)>)",
	"[x](java&#x09;script:alert(1))",
	"[x](java&#9;script:alert(1))",
	"[x](&#106;avascript:alert(1))",
	"[x](javascript&colon;alert(1))",
	"[x](javascript%3Aalert(1))",
	"[x](\\javascript:alert(1))",
	"[x](vbscript:msgbox(1))",
	"[x](data:text/html,<script>alert(1)</script>)",
	"![x](data:image/png;base64,AAAA)",
	"![x](javascript:alert(1))",
	"<javascript:alert(1)>",
	"<JAVASCRIPT:alert(1)>",
	"[r]\n\n[r]: javascript:alert(1)",
	"# Title {onclick=alert(1)}",
	"```go\"><script>alert(1)</script>\nx\n```",
	"```\"onmouseover=\"alert(1)\nx\n```",
	"<!-- --><script>alert(1)</script>",
	"<style>body{display:none}</style>",
	"<iframe src=javascript:alert(1)></iframe>",
	"Positive\n: <script>alert(1)</script>",
	"> **Negative:** [x](javascript:alert(1))",
}

func TestDangerousSourcesRenderSafely(t *testing.T) {
	r := New()
	for _, src := range dangerousSources {
		out, err := r.Render(src)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		checkSafeHTML(t, src, out)
	}
}

// TestRawHTMLIsEscapedNotOmitted pins the choice over goldmark's default,
// which replaces raw HTML with "<!-- raw HTML omitted -->".
func TestRawHTMLIsEscapedNotOmitted(t *testing.T) {
	r := New()
	tests := []struct {
		src, want string
	}{
		{"a <b>bold</b> c", "<p>a &lt;b&gt;bold&lt;/b&gt; c</p>\n"},
		{"<div>\nhi\n</div>", "<pre class=\"raw-html\"><code>&lt;div&gt;\nhi\n&lt;/div&gt;\n</code></pre>\n"},
		{"<script>alert(1)</script>", "<pre class=\"raw-html\"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"},
		{"<!-- a comment -->", ""},
		{"a <!-- c --> b", "<p>a  b</p>\n"},
	}
	for _, tt := range tests {
		got, err := r.Render(tt.src)
		if err != nil {
			t.Fatalf("Render(%q): %v", tt.src, err)
		}
		if got != tt.want {
			t.Errorf("Render(%q): got %q, want %q", tt.src, got, tt.want)
		}
		if strings.Contains(got, "raw HTML omitted") {
			t.Errorf("Render(%q): got goldmark's omission marker %q, want escaped text", tt.src, got)
		}
	}
}

func TestCodeLanguageIsEscaped(t *testing.T) {
	got, err := New().Render("```go\"><b>x\ncode\n```")
	if err != nil {
		t.Fatal(err)
	}
	want := `<div class="code-block" data-lang="go&#34;&gt;&lt;b&gt;x">`
	if !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want prefix %q", got, want)
	}
}

// FuzzRender asserts that no input panics the renderer or makes it emit
// script, an unexpected element or attribute, or an unsafe URL.
func FuzzRender(f *testing.F) {
	for _, s := range dangerousSources {
		f.Add(s)
	}
	inputs, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := r.Render(src)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		checkSafeHTML(t, src, out)
	})
}
