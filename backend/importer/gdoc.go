package importer

import (
	"fmt"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/opencodelabs/desktop/backend/model"
)

// A Google Doc written to claat's conventions (claat/parser/gdoc), exported
// as "Web page (.html, zipped)" or saved as .html. It is converted to the
// claat markdown parseClaat reads (header lines, "# Title", "## Step",
// "Duration:"), with our marked links, "> Positive:" boxes and "> Poll:"
// blocks in the bodies, so both formats share one path from there on.

// maxGDocDepth bounds how deep inline markup is followed; Docs never nests
// more than a few levels, and a hostile file could nest millions.
const maxGDocDepth = 64

type gdocConv struct {
	css    cssClasses
	za     *zipArchive // nil for a bare .html
	dir    string      // folder of the .html in the ZIP ("" for the root)
	assets assetSet
	warn   []model.Notice
	err    error
}

// importGDoc reads a Docs HTML export (name is its file name; za and dir
// locate its images/ folder when it came in a ZIP).
func importGDoc(text, name string, za *zipArchive, dir string) (*Bundle, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, errf(CodeNotClaatDoc, "%q is not readable HTML (%v)", name, err)
	}
	g := &gdocConv{css: cssClasses{}, za: za, dir: dir}
	var body *html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxGDocDepth {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Style {
			parseCSS(textOf(n), g.css)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body && body == nil {
			body = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	md, ok := g.convert(body)
	if g.err != nil {
		return nil, g.err
	}
	if !ok {
		return nil, errf(CodeNotClaatDoc, "%q is not a codelab Google Doc: claat's conventions need a Heading 1 per step (and a Title paragraph); export the Doc as \"Web page (.html, zipped)\"", name)
	}
	b, err := parseClaat(md, strings.TrimSuffix(path.Base(name), path.Ext(name)))
	if err != nil {
		return nil, err
	}
	b.Assets = g.assets.list
	b.Warnings = append(g.warn, b.Warnings...)
	return b, nil
}

// convert writes the claat markdown of body; ok is false without steps.
func (g *gdocConv) convert(body *html.Node) (string, bool) {
	if body == nil {
		return "", false
	}
	var title string
	meta := [][2]string{}
	var out []string
	steps := 0
	prevList := false
	for n := body.FirstChild; n != nil && g.err == nil; n = n.NextSibling {
		if n.Type != html.ElementNode || n.DataAtom == atom.Div {
			continue // headers, footers and the comments Docs puts at the end
		}
		switch {
		case steps == 0 && hasClass(n, "title"):
			if t := oneLine(g.plain(n)); t != "" && title == "" {
				title = t
			}
		case steps == 0 && n.DataAtom == atom.Table:
			meta = append(meta, g.metaTable(n)...)
		case n.DataAtom == atom.H1:
			if t := oneLine(g.plain(n)); t != "" {
				steps++
				out = append(out, "", "## "+headingText(t))
			}
		case steps > 0:
			if block := g.block(n); len(block) > 0 {
				isList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
				if !isList || !prevList { // Docs splits nested lists; keep them one tight list
					out = append(out, "")
				}
				out = append(out, block...)
				prevList = isList
			}
			continue
		}
		prevList = false
	}
	if steps == 0 {
		return "", false
	}
	var hdr []string
	for _, kv := range meta {
		hdr = append(hdr, kv[0]+": "+kv[1])
	}
	if title == "" {
		title = "Untitled codelab"
	}
	hdr = append(hdr, "", "# "+headingText(title))
	return strings.Join(append(hdr, out...), "\n") + "\n", true
}

// metaTable reads the codelab's metadata table (key cell, value cell) into
// claat header keys.
func (g *gdocConv) metaTable(t *html.Node) [][2]string {
	var out [][2]string
	for _, tr := range elements(t, atom.Tr) {
		cells := elements(tr, atom.Td)
		if len(cells) < 2 {
			continue
		}
		k := strings.ToLower(oneLine(g.plain(cells[0])))
		v := oneLine(g.plain(cells[1]))
		switch k {
		case "url":
			k = "id"
		case "author":
			k = "authors"
		case "category":
			k = "categories"
		case "environment":
			k = "environments"
		case "state":
			k = "status"
		case "feedback":
			k = "feedback link"
		case "analytics", "google analytics":
			k = "analytics account"
		}
		if k != "" && v != "" && !strings.ContainsAny(k, ":#") {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

// block converts one top-level element of a step into markdown lines.
func (g *gdocConv) block(n *html.Node) []string {
	switch n.DataAtom {
	case atom.P:
		return g.paragraph(n)
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		level := int(n.Data[1]-'0') + 1 // Docs' Heading 2 is claat's "###"
		if t := strings.TrimSpace(g.inline(n, 0)); t != "" {
			return []string{strings.Repeat("#", min(level, 6)) + " " + t}
		}
	case atom.Ul, atom.Ol:
		return g.list(n)
	case atom.Table:
		return g.table(n)
	}
	return nil
}

var durationMetaKeys = map[string]bool{"duration": true, "environment": true}

func (g *gdocConv) paragraph(p *html.Node) []string {
	text := oneLine(g.plain(p))
	if text == "" && !hasElement(p, atom.Img) {
		return nil
	}
	if g.isMeta(p) {
		if k, v, ok := strings.Cut(text, ":"); ok && durationMetaKeys[strings.ToLower(strings.TrimSpace(k))] {
			return []string{strings.TrimSpace(k) + ": " + strings.TrimSpace(v)}
		}
	}
	if strings.HasPrefix(text, "[[") && strings.HasSuffix(text, "]]") && strings.Contains(strings.ToLower(text), "import") {
		u := ""
		for _, a := range elements(p, atom.A) {
			u = cleanDocURL(attr(a, "href"))
		}
		g.warn = append(g.warn, model.NewNotice("doc_include_online",
			fmt.Sprintf("The Doc imports another Doc (%s); that needs the internet, so it was not included: open it and paste its content into the step.", u), "url", u))
		return []string{"> Negative: Not imported (needs the internet): " + escapeMD(u)}
	}
	md := strings.TrimSpace(g.inline(p, 0))
	if md == "" {
		return nil
	}
	if durationRx.MatchString(md) || envRx.MatchString(md) {
		md = strings.Replace(md, ":", `\:`, 1) // prose, not a grey meta line
	}
	return []string{md}
}

// isMeta reports claat's grey instruction lines: the paragraph or all its
// text spans in #b7b7b7.
func (g *gdocConv) isMeta(p *html.Node) bool {
	if g.css.styleOf(p, "color") == gdocMetaColor {
		return true
	}
	spans, grey := 0, 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && strings.TrimSpace(textOf(c)) != "" {
			spans++
			if g.css.styleOf(c, "color") == gdocMetaColor {
				grey++
			}
		}
	}
	return spans > 0 && grey == spans
}

func (g *gdocConv) list(l *html.Node) []string {
	var out []string
	i := 1
	for li := l.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		t := strings.TrimSpace(g.inline(li, 0))
		if t == "" {
			continue
		}
		bullet := "- "
		if l.DataAtom == atom.Ol {
			bullet = fmt.Sprintf("%d. ", i)
		}
		out = append(out, strings.Repeat("    ", g.listLevel(li))+bullet+t)
		i++
	}
	return out
}

// table converts a Docs table: a one-cell table is a code block, terminal,
// info box or survey by its style; other tables become GFM tables.
func (g *gdocConv) table(t *html.Node) []string {
	rows := elements(t, atom.Tr)
	cells := elements(t, atom.Td)
	if len(cells) == 1 {
		td := cells[0]
		switch g.css.styleOf(td, "background-color") {
		case gdocPositive:
			return g.callout("Positive", td)
		case gdocNegative:
			return g.callout("Negative", td)
		case gdocSurvey:
			return g.survey(td)
		}
		switch g.cellFont(td) {
		case gdocFontCode:
			return g.code(td, "")
		case gdocFontConsole:
			return g.code(td, "console")
		}
		var out []string
		for c := td.FirstChild; c != nil; c = c.NextSibling {
			if b := g.block(c); len(b) > 0 {
				out = append(append(out, b...), "")
			}
		}
		return trimBlankLines(out)
	}
	var out []string
	for i, tr := range rows {
		var line []string
		for _, td := range elements(tr, atom.Td) {
			line = append(line, strings.ReplaceAll(oneLine(g.inline(td, 0)), "|", `\|`))
		}
		if len(line) == 0 {
			continue
		}
		out = append(out, "| "+strings.Join(line, " | ")+" |")
		if i == 0 {
			out = append(out, "|"+strings.Repeat(" --- |", len(line)))
		}
	}
	return out
}

// cellFont is the font of a cell's text spans when they all share one.
func (g *gdocConv) cellFont(td *html.Node) string {
	font := ""
	for _, s := range elements(td, atom.Span) {
		if strings.TrimSpace(textOf(s)) == "" {
			continue
		}
		f := g.css.font(s)
		if font == "" {
			font = f
		} else if f != font {
			return ""
		}
	}
	return font
}

func (g *gdocConv) code(td *html.Node, lang string) []string {
	var lines []string
	for _, p := range elements(td, atom.P) {
		lines = append(lines, strings.Split(g.plain(p), "\n")...)
	}
	fence := "```"
	for _, l := range lines {
		for strings.Contains(l, fence) {
			fence += "`"
		}
	}
	return append(append([]string{fence + lang}, lines...), fence)
}

func (g *gdocConv) callout(kind string, td *html.Node) []string {
	var body []string
	for c := td.FirstChild; c != nil; c = c.NextSibling {
		if b := g.block(c); len(b) > 0 {
			body = append(append(body, b...), "")
		}
	}
	body = trimBlankLines(body)
	if len(body) == 0 {
		return nil
	}
	out := []string{"> " + kind + ": " + body[0]}
	for _, l := range body[1:] {
		out = append(out, strings.TrimRight("> "+l, " "))
	}
	return out
}

// survey reads claat's survey cell: each heading is a question and the
// list after it its options. They become prepared polls.
func (g *gdocConv) survey(td *html.Node) []string {
	var out []string
	var q *Poll
	flush := func() {
		if q != nil && q.Question != "" && len(q.Options) > 0 {
			out = append(append(out, pollMarkdown(*q)...), "")
		}
		q = nil
	}
	for c := td.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			flush()
			q = &Poll{Question: oneLine(g.plain(c))}
		case atom.Ul, atom.Ol:
			if q == nil {
				continue
			}
			for _, li := range elements(c, atom.Li) {
				if o := oneLine(g.plain(li)); o != "" {
					q.Options = append(q.Options, o)
				}
			}
		}
	}
	flush()
	return trimBlankLines(out)
}

// plain is the text of n with comments dropped, non-breaking spaces
// turned into spaces and <br> into newlines.
func (g *gdocConv) plain(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxGDocDepth {
			return
		}
		switch {
		case n.Type == html.TextNode:
			b.WriteString(strings.ReplaceAll(n.Data, "\u00a0", " "))
			return
		case n.DataAtom == atom.Br:
			b.WriteByte('\n')
			return
		case isCommentRef(n):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
