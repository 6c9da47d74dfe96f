package importer

import (
	"strings"

	"golang.org/x/net/html"
)

// Google Docs conventions of claat (claat/parser/gdoc/css.go): the meaning
// of a paragraph, cell or span is in its style, and a "Web page" export
// puts styles on generated classes (.c1, .c23) defined in <style>. So the
// CSS is read and classes are resolved, never guessed from their names.
const (
	gdocMetaColor   = "#b7b7b7"     // grey "Duration:" / "Environment:" lines
	gdocButtonColor = "#6aa84f"     // green button background
	gdocFontCode    = "courier new" // code
	gdocFontConsole = "consolas"    // terminal output
	gdocPositive    = "#d9ead3"     // green info box
	gdocNegative    = "#fce5cd"     // orange info box
	gdocSurvey      = "#cfe2f3"     // light-blue survey
)

// cssClasses maps a class name (without the dot) to its declarations,
// lower-cased, quotes removed, each with its position in the stylesheet:
// for an element with several classes the later rule wins, as in a browser.
type cssClasses map[string]map[string]cssDecl

type cssDecl struct {
	val   string
	order int
}

// parseCSS reads the class rules of a Docs export's <style> text: a small
// declaration parser that skips comments, @-rules (with their blocks) and
// every selector that is not a lone class (".c1", also in a list
// ".c1,.c2"). Later rules win, as in a browser.
func parseCSS(css string, into cssClasses) {
	for len(css) > 0 {
		css = strings.TrimLeft(css, " \t\r\n")
		switch {
		case strings.HasPrefix(css, "/*"):
			end := strings.Index(css[2:], "*/")
			if end < 0 {
				return
			}
			css = css[2+end+2:]
			continue
		case strings.HasPrefix(css, "@"):
			// "@import ...;" ends at ";", "@media ... {...}" after its block;
			// one scan finds whichever comes first.
			i := strings.IndexAny(css, ";{")
			if i < 0 {
				return
			}
			if css[i] == ';' {
				css = css[i+1:]
				continue
			}
			css = skipBlock(css[i:])
			continue
		}
		brace := strings.IndexByte(css, '{')
		if brace < 0 {
			return
		}
		sel := css[:brace]
		end := strings.IndexByte(css[brace:], '}')
		if end < 0 {
			return
		}
		body := css[brace+1 : brace+end]
		css = css[brace+end+1:]
		var names []string
		for _, s := range strings.Split(sel, ",") {
			s = strings.TrimSpace(s)
			if len(s) > 1 && s[0] == '.' && !strings.ContainsAny(s[1:], ".:#[ >+~*") {
				names = append(names, s[1:])
			}
		}
		if len(names) == 0 {
			continue
		}
		decls := parseDecls(body)
		order := len(into) + 1
		for _, m := range into {
			order += len(m)
		}
		for _, n := range names {
			if into[n] == nil {
				into[n] = map[string]cssDecl{}
			}
			for k, v := range decls {
				into[n][k] = cssDecl{v, order}
			}
		}
	}
}

// skipBlock returns what follows the balanced {...} block css starts with.
func skipBlock(css string) string {
	depth := 0
	for i := 0; i < len(css); i++ {
		switch css[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return css[i+1:]
			}
		}
	}
	return ""
}

// parseDecls reads "key: value; key: value" (a rule body or a style
// attribute) into lower-cased keys and values without quotes.
func parseDecls(s string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important")))
		v = strings.NewReplacer(`"`, "", `'`, "").Replace(v)
		if k != "" {
			out[k] = v
		}
	}
	return out
}

// styleOf is the value of a CSS property on n from its classes or, failing
// that, its style attribute.
func (css cssClasses) styleOf(n *html.Node, key string) string {
	if n == nil || n.Type != html.ElementNode {
		return ""
	}
	if v, ok := parseDecls(html.UnescapeString(attr(n, "style")))[key]; ok {
		return v // inline style beats classes
	}
	best := cssDecl{order: -1}
	for _, c := range strings.Fields(attr(n, "class")) {
		if d, ok := css[c][key]; ok && d.order > best.order {
			best = d
		}
	}
	return best.val
}

// font is the first family of n's font-family.
func (css cssClasses) font(n *html.Node) string {
	f, _, _ := strings.Cut(css.styleOf(n, "font-family"), ",")
	return strings.TrimSpace(f)
}

func (css cssClasses) bold(n *html.Node) bool {
	w := css.styleOf(n, "font-weight")
	return w == "bold" || w == "700" || w == "800" || w == "900"
}

func (css cssClasses) italic(n *html.Node) bool { return css.styleOf(n, "font-style") == "italic" }
