package markdown

import (
	"html"
	"strings"

	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// safeRenderer overrides goldmark's HTML output for every node that could
// carry markup or a URL from the author, plus the callout and code wrappers.
type safeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (safeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindCodeBlock, renderCodeBlock)
	reg.Register(KindCallout, renderCallout)
}

// isComment reports whether raw HTML is an HTML comment, which is dropped
// rather than shown.
func isComment(b []byte) bool {
	return len(b) >= 4 && string(b[:4]) == "<!--"
}

// renderHTMLBlock shows a raw HTML block as literal text in a <pre>.
func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		return ast.WalkSkipChildren, nil
	}
	var raw []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw = append(raw, seg.Value(source)...)
	}
	if n.HasClosure() {
		closure := n.ClosureLine
		raw = append(raw, closure.Value(source)...)
	}
	// The last line lacks its newline at the end of input; add it so the
	// output does not depend on how the file ends.
	if len(raw) > 0 && raw[len(raw)-1] != '\n' {
		raw = append(raw, '\n')
	}
	_, _ = w.WriteString(`<pre class="raw-html"><code>`)
	_, _ = w.Write(util.EscapeHTML(raw))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// renderRawHTML shows an inline tag as literal text.
func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	segs := n.Segments
	if segs.Len() > 0 {
		if first := segs.At(0); isComment(first.Value(source)) {
			return ast.WalkSkipChildren, nil
		}
	}
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
	}
	return ast.WalkSkipChildren, nil
}

// writeURLAttr writes ` name="url"` if url is safe, and nothing otherwise.
func writeURLAttr(w util.BufWriter, name string, url []byte) {
	if !safeURL(string(url)) {
		return
	}
	_, _ = w.WriteString(" " + name + `="`)
	_, _ = w.Write(util.EscapeHTML(url))
	_ = w.WriteByte('"')
}

func writeTitle(w util.BufWriter, title []byte) {
	if title == nil {
		return
	}
	_, _ = w.WriteString(` title="`)
	ghtml.DefaultWriter.Write(w, title)
	_ = w.WriteByte('"')
}

func renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if renderWidgetLink(w, source, n, entering) {
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a")
	writeURLAttr(w, "href", util.URLEscape(n.Destination, true))
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := util.URLEscape(n.URL(source), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(url, "mailto:") {
		url = append([]byte("mailto:"), url...)
	}
	_, _ = w.WriteString("<a")
	writeURLAttr(w, "href", url)
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(toLowerASCII(b[:len(prefix)])) == prefix
}

func toLowerASCII(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// renderImage writes <img loading="lazy">; the alt text is the image's
// plain text content.
func renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString("<img")
	writeURLAttr(w, "src", util.URLEscape(n.Destination, true))
	_, _ = w.WriteString(` alt="`)
	ghtml.DefaultWriter.Write(w, []byte(plainText(n, source)))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

// renderCodeBlock gives indented code blocks the same wrapper as fenced ones.
func renderCodeBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="code-block"><pre class="chroma"><code>`)
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		ghtml.DefaultWriter.RawWrite(w, seg.Value(source))
	}
	_, _ = w.WriteString("</code></pre></div>\n")
	return ast.WalkContinue, nil
}

// codeBlockWrapper wraps every fenced code block in
// <div class="code-block" data-lang="…"> for the frontend's copy button. When
// chroma has no lexer for the language it also writes the <pre><code> that
// chroma would have written.
func codeBlockWrapper(w util.BufWriter, ctx highlighting.CodeBlockContext, entering bool) {
	if !entering {
		if !ctx.Highlighted() {
			_, _ = w.WriteString("</code></pre>")
		}
		_, _ = w.WriteString("</div>\n")
		return
	}
	_, _ = w.WriteString(`<div class="code-block`)
	if lang, ok := ctx.Language(); ok && strings.EqualFold(string(lang), "console") {
		_, _ = w.WriteString(` terminal`) // claat's console blocks: shell output, styled as a terminal
	}
	_ = w.WriteByte('"')
	if lang, ok := ctx.Language(); ok {
		_, _ = w.WriteString(` data-lang="`)
		_, _ = w.WriteString(html.EscapeString(string(lang)))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	if !ctx.Highlighted() {
		_, _ = w.WriteString(`<pre class="chroma"><code>`)
	}
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	v := node.(*Callout).Variant
	_, _ = w.WriteString(`<aside class="callout ` + v + "\">\n")
	if v == "poll" {
		// A prepared poll, shown (not yet interactive) as "Poll" + question + options.
		_, _ = w.WriteString(`<p class="callout-label">Poll</p>` + "\n")
	}
	return ast.WalkContinue, nil
}
