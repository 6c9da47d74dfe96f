package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindCallout is the node kind of a claat info box.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a claat info box ("Positive" / "Negative"), rendered as
// <aside class="callout positive">.
type Callout struct {
	ast.BaseBlock
	// Variant is "positive" or "negative".
	Variant string
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant}, nil)
}

// calloutVariant maps a marker word to its variant, or "" if it is none.
func calloutVariant(word string) string {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(word), ":")) {
	case "positive":
		return "positive"
	case "negative":
		return "negative"
	case "poll":
		return "poll"
	}
	return ""
}

// calloutTransformer rewrites claat-style definition lists and marked
// blockquotes into Callout nodes after parsing.
type calloutTransformer struct{}

// Transform implements parser.ASTTransformer.
func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var lists, quotes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case east.KindDefinitionList:
			lists = append(lists, n)
		case ast.KindBlockquote:
			quotes = append(quotes, n)
		}
		return ast.WalkContinue, nil
	})
	for _, dl := range lists {
		splitDefinitionList(dl, source)
	}
	for _, q := range quotes {
		convertBlockquote(q, source)
	}
}

// splitDefinitionList replaces dl by a run of nodes in the same order: each
// Positive/Negative term with its descriptions becomes a Callout, and any
// other terms stay together in definition lists between them.
func splitDefinitionList(dl ast.Node, source []byte) {
	hasCallout := false
	for c := dl.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == east.KindDefinitionTerm && calloutVariant(plainText(c, source)) != "" {
			hasCallout = true
			break
		}
	}
	if !hasCallout {
		return
	}
	parent := dl.Parent()
	var out []ast.Node
	var current ast.Node // the Callout or DefinitionList receiving descriptions
	for c := dl.FirstChild(); c != nil; {
		next := c.NextSibling()
		dl.RemoveChild(dl, c)
		switch c.Kind() {
		case east.KindDefinitionTerm:
			if v := calloutVariant(plainText(c, source)); v != "" {
				current = &Callout{Variant: v}
				out = append(out, current)
				break
			}
			if current == nil || current.Kind() != east.KindDefinitionList {
				current = east.NewDefinitionList(0, nil)
				out = append(out, current)
			}
			current.AppendChild(current, c)
		case east.KindDefinitionDescription:
			if current == nil {
				current = east.NewDefinitionList(0, nil)
				out = append(out, current)
			}
			if current.Kind() == KindCallout {
				moveDescription(current, c)
			} else {
				current.AppendChild(current, c)
			}
		}
		c = next
	}
	for _, n := range out {
		parent.InsertBefore(parent, dl, n)
	}
	parent.RemoveChild(parent, dl)
}

// moveDescription moves a description's blocks into a callout. Tight
// descriptions hold a TextBlock; it becomes a Paragraph so the callout text
// is always in <p>.
func moveDescription(callout, desc ast.Node) {
	for b := desc.FirstChild(); b != nil; {
		next := b.NextSibling()
		desc.RemoveChild(desc, b)
		if b.Kind() == ast.KindTextBlock {
			p := ast.NewParagraph()
			p.SetLines(b.Lines())
			for in := b.FirstChild(); in != nil; {
				n := in.NextSibling()
				b.RemoveChild(b, in)
				p.AppendChild(p, in)
				in = n
			}
			b = p
		}
		callout.AppendChild(callout, b)
		b = next
	}
}

// convertBlockquote turns a blockquote whose first paragraph starts with a
// callout marker into a Callout holding the blockquote's blocks, marker
// removed.
func convertBlockquote(q ast.Node, source []byte) {
	para := q.FirstChild()
	if para == nil || para.Kind() != ast.KindParagraph {
		return
	}
	variant := stripMarker(para, source)
	if variant == "" {
		return
	}
	if para.FirstChild() == nil {
		q.RemoveChild(q, para)
	}
	c := &Callout{Variant: variant}
	for b := q.FirstChild(); b != nil; {
		next := b.NextSibling()
		q.RemoveChild(q, b)
		c.AppendChild(c, b)
		b = next
	}
	parent := q.Parent()
	parent.ReplaceChild(parent, q, c)
}

// stripMarker removes a leading "Positive:", "**Positive:**" or
// "**Positive**:" from para and returns the variant, or returns "" and
// leaves para unchanged.
func stripMarker(para ast.Node, source []byte) string {
	first := para.FirstChild()
	if first == nil {
		return ""
	}
	if em, ok := first.(*ast.Emphasis); ok && em.Level == 2 {
		word := plainText(em, source)
		colonInside := strings.HasSuffix(strings.TrimSpace(word), ":")
		v := calloutVariant(word)
		if v == "" {
			return ""
		}
		if !colonInside {
			t, ok := em.NextSibling().(*ast.Text)
			if !ok || !bytes.HasPrefix(bytes.TrimLeft(t.Segment.Value(source), " \t"), []byte(":")) {
				return ""
			}
		}
		para.RemoveChild(para, em)
		consumeLeading(para, source, func(b byte) bool { return b == ' ' || b == '\t' || (!colonInside && b == ':') })
		return v
	}
	// Plain text: the parser may split "Negative:" across Text nodes, so read
	// the run of leading Text nodes as one string.
	lead := leadingText(para, source)
	word, rest, found := strings.Cut(lead, ":")
	if !found {
		return ""
	}
	v := calloutVariant(word)
	if v == "" || strings.TrimSpace(word) != word {
		return ""
	}
	n := len(word) + 1
	n += len(rest) - len(strings.TrimLeft(rest, " \t"))
	consumeBytes(para, source, n)
	return v
}

// leadingText concatenates the values of para's leading Text nodes.
func leadingText(para ast.Node, source []byte) string {
	var b strings.Builder
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			break
		}
		b.Write(t.Segment.Value(source))
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	return b.String()
}

// consumeBytes removes the first n bytes of para's leading Text nodes,
// dropping nodes that become empty.
func consumeBytes(para ast.Node, source []byte, n int) {
	for n > 0 {
		t, ok := para.FirstChild().(*ast.Text)
		if !ok {
			return
		}
		l := t.Segment.Len()
		if l > n {
			t.Segment = t.Segment.WithStart(t.Segment.Start + n)
			return
		}
		n -= l
		para.RemoveChild(para, t)
	}
}

// consumeLeading removes leading bytes matching skip from para's leading
// Text nodes.
func consumeLeading(para ast.Node, source []byte, skip func(byte) bool) {
	for {
		t, ok := para.FirstChild().(*ast.Text)
		if !ok {
			return
		}
		v := t.Segment.Value(source)
		i := 0
		for i < len(v) && skip(v[i]) {
			i++
		}
		if i < len(v) {
			t.Segment = t.Segment.WithStart(t.Segment.Start + i)
			return
		}
		para.RemoveChild(para, t)
	}
}

// plainText returns the text content of n's Text and String descendants.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
