package importer

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/opencodelabs/desktop/backend/model"
)

// mdEscaper escapes the characters that would turn Docs text into markdown
// (or raw HTML) it never meant.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`)

// escapeMD escapes text for a markdown paragraph, including a marker a line
// could start with ("#", "-", "+", "1.").
func escapeMD(s string) string {
	s = mdEscaper.Replace(s)
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.ContainsRune("#-+=", rune(t[0])) {
		return strings.Repeat(" ", len(s)-len(t)) + `\` + t
	}
	return s
}

// inline converts the content of a paragraph, list item, cell or heading
// into one line of markdown: styled spans, links, buttons and images.
func (g *gdocConv) inline(n *html.Node, depth int) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(g.inlineNode(c, depth+1))
	}
	return b.String()
}

func (g *gdocConv) inlineNode(n *html.Node, depth int) string {
	if depth > maxGDocDepth || isCommentRef(n) {
		return ""
	}
	switch n.Type {
	case html.TextNode:
		return escapeMD(strings.ReplaceAll(strings.ReplaceAll(n.Data, "\u00a0", " "), "\n", " "))
	case html.ElementNode:
	default:
		return ""
	}
	switch n.DataAtom {
	case atom.Br:
		return "\\\n"
	case atom.Img:
		return g.image(n)
	case atom.A:
		return g.link(n, depth)
	case atom.Ul, atom.Ol, atom.Table, atom.Style, atom.Script:
		return ""
	}
	inner := g.inline(n, depth)
	if strings.TrimSpace(inner) == "" {
		return inner
	}
	if f := g.css.font(n); f == gdocFontCode || f == gdocFontConsole {
		return wrapSpan(inner, "`", true)
	}
	if g.css.bold(n) {
		inner = wrapSpan(inner, "**", false)
	}
	if g.css.italic(n) {
		inner = wrapSpan(inner, "_", false)
	}
	return inner
}

// wrapSpan puts a marker around s, keeping surrounding spaces outside (so
// "** bold**" never happens). For code the text is unescaped and the
// backtick run made longer than any inside.
func wrapSpan(s, mark string, code bool) string {
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	trail := s[len(strings.TrimRight(s, " ")):]
	core := strings.TrimSpace(s)
	if code {
		core = unescapeMD(core)
		for strings.Contains(core, mark) {
			mark += "`"
		}
		if strings.HasPrefix(core, "`") || strings.HasSuffix(core, "`") {
			core = " " + core + " "
		}
	}
	return lead + mark + core + mark + trail
}

func unescapeMD(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]<>|#-+=", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// link is a Docs link with its redirect unwrapped; a link inside claat's
// green highlight is a button; links to headings of the Doc keep only text.
func (g *gdocConv) link(a *html.Node, depth int) string {
	text := strings.TrimSpace(g.inline(a, depth))
	href := cleanDocURL(attr(a, "href"))
	if text == "" {
		return ""
	}
	if href == "" || strings.HasPrefix(href, "#") {
		return text
	}
	title := ""
	for p := a; p != nil && p.DataAtom != atom.P && p.DataAtom != atom.Li && p.DataAtom != atom.Td; p = p.Parent {
		if g.css.styleOf(p, "background-color") == gdocButtonColor {
			title = ` "` + MarkerButtonTitle + `"`
			break
		}
	}
	return "[" + text + "](" + escapeURL(href) + title + ")"
}

// MarkerButtonTitle is the link title backend/markdown draws as a button.
const MarkerButtonTitle = "button"

// escapeURL makes a URL safe inside "(...)" of a markdown link.
func escapeURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// image keeps a Docs image: a file of the export's images/ folder becomes
// an asset (stored and resized like an upload); a remote image stays with
// a warning (the room may be offline); an image whose alt text is a YouTube
// URL is claat's video.
func (g *gdocConv) image(img *html.Node) string {
	src, alt := strings.TrimSpace(attr(img, "src")), oneLine(attr(img, "alt"))
	if strings.Contains(alt, "youtube.com/watch") {
		if u, err := url.Parse(alt); err == nil && u.Query().Get("v") != "" {
			id := u.Query().Get("v")
			return "[YouTube video " + escapeMD(id) + "](https://www.youtube.com/watch?v=" + url.QueryEscape(id) + ` "video")`
		}
	}
	if src == "" {
		return ""
	}
	altMD := mdEscaper.Replace(alt)
	if lower := strings.ToLower(src); strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		g.warn = append(g.warn, model.NewNotice("image_online",
			fmt.Sprintf("Image %s is on the internet, not in the export; attendees offline will not see it. Download it and upload it into the step.", src), "image", src))
		return "![" + altMD + "](" + escapeURL(src) + ")"
	}
	p := localImagePath(g.dir, src)
	if p == "" || !isImagePath(p) {
		return ""
	}
	rel := p
	if g.dir != "" {
		rel = strings.TrimPrefix(p, g.dir+"/")
	}
	if g.za != nil {
		if _, ok := g.za.files[p]; ok && g.err == nil {
			if err := g.assets.add(g.za, p, rel); err != nil {
				g.err = err
			}
		}
	}
	return "![" + altMD + "](" + escapeURL(rel) + ")"
}
