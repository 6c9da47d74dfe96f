package importer

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// findGDocHTML picks the Docs export's page in a ZIP: the shallowest .html.
func findGDocHTML(za *zipArchive) (string, error) {
	return onlyCandidate(za.shallowest(".html", ".htm"), "several HTML files (%s); keep only the Doc's")
}

func importGDocZip(za *zipArchive) (*Bundle, error) {
	name, err := findGDocHTML(za)
	if err != nil {
		return nil, err
	}
	text, err := za.readText(name)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(name)
	if dir == "." {
		dir = ""
	}
	return importGDoc(text, name, za, dir)
}

// isCommentRef is a Docs comment anchor (<a href="#cmnt1">) or the <sup>
// holding one.
func isCommentRef(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.A {
		return strings.HasPrefix(attr(n, "href"), "#cmnt") || strings.HasPrefix(attr(n, "id"), "cmnt")
	}
	if n.DataAtom == atom.Sup {
		for _, a := range elements(n, atom.A) {
			if isCommentRef(a) {
				return true
			}
		}
	}
	return false
}

// cleanDocURL unwraps Docs' https://www.google.com/url?q=TARGET&sa=...
// redirect links.
func cleanDocURL(v string) string {
	u, err := url.Parse(v)
	if err != nil || !strings.HasSuffix(u.Hostname(), "google.com") || u.Path != "/url" {
		return v
	}
	if q := u.Query().Get("q"); q != "" {
		return q
	}
	return v
}

func hasClass(n *html.Node, name string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == name {
			return true
		}
	}
	return false
}

// elements lists the descendants of n with tag a, in document order, down
// to maxGDocDepth.
func elements(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxGDocDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == a {
				out = append(out, c)
			}
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return out
}

func hasElement(n *html.Node, a atom.Atom) bool { return len(elements(n, a)) > 0 }

// listLevel is a list item's nesting level. Docs writes nested items as
// separate lists whose items are indented by margin-left, 36pt a level
// from 36pt (read from the CSS; the class names mean nothing).
func (g *gdocConv) listLevel(li *html.Node) int {
	v := strings.TrimSpace(g.css.styleOf(li, "margin-left"))
	pt, ok := strings.CutSuffix(v, "pt")
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(pt, 64)
	if err != nil || f < 54 {
		return 0
	}
	return min(int((f+18)/36)-1, 5)
}
