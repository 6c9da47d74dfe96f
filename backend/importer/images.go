package importer

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// RewriteImages calls fn for every image URL in markdown and replaces the
// URL with what fn returns. It understands inline images (![alt](url),
// ![alt](<url> "title")) and HTML <img src="...">, and leaves fenced code
// blocks and inline code spans alone. Reference-style image definitions
// and indented code blocks are not treated specially.
//
// The importer uses it to point relative images at the assets it returns;
// the caller uses it again to point them at stored uploads.
func RewriteImages(markdown string, fn func(url string) string) string {
	lines := strings.SplitAfter(markdown, "\n")
	var b strings.Builder
	b.Grow(len(markdown))
	var f fence
	for _, l := range lines {
		if f.line(strings.TrimRight(l, "\n")) {
			b.WriteString(l)
			continue
		}
		b.WriteString(rewriteLine(l, fn))
	}
	return b.String()
}

var imgSrcRx = regexp.MustCompile(`(?i)(<img\b[^>]*?\bsrc\s*=\s*)("[^"]*"|'[^']*')`)

// scanBudget bounds the work spent looking for images on one line, so
// that hostile input ("![![![..." or a long line of "![a](") costs time
// linear in its length. Ordinary lines never come near it; when it runs
// out, the rest of the line is copied unchanged.
type scanBudget struct{ left int }

func (b *scanBudget) spend(n int) bool {
	b.left -= n
	return b.left >= 0
}

// rewriteLine rewrites the images of one non-code line, skipping inline
// code spans.
func rewriteLine(l string, fn func(string) string) string {
	return rewriteSpan(l, fn, &scanBudget{left: 16*len(l) + 1024})
}

func rewriteSpan(l string, fn func(string) string, budget *scanBudget) string {
	var b strings.Builder
	i := 0
	for i < len(l) {
		if budget.left < 0 {
			b.WriteString(l[i:])
			break
		}
		switch {
		case l[i] == '`':
			n := runLen(l[i:], '`')
			end := closingTicks(l, i+n, n)
			budget.spend(len(l) - i)
			if end >= 0 {
				b.WriteString(l[i : end+n])
				i = end + n
			} else {
				b.WriteString(l[i : i+n])
				i += n
			}
		case l[i] == '!' && i+1 < len(l) && l[i+1] == '[':
			if consumed, out, ok := inlineImage(l[i:], fn, budget); ok {
				b.WriteString(out)
				i += consumed
			} else {
				b.WriteString("![")
				i += 2
			}
		case l[i] == '<' && len(l)-i >= 4 && strings.EqualFold(l[i:i+4], "<img"):
			end := strings.IndexByte(l[i:], '>')
			if end < 0 {
				end = len(l) - i - 1
			}
			budget.spend(end)
			tag := l[i : i+end+1]
			b.WriteString(imgSrcRx.ReplaceAllStringFunc(tag, func(m string) string {
				sm := imgSrcRx.FindStringSubmatch(m)
				q := sm[2][:1]
				return sm[1] + q + fn(sm[2][1:len(sm[2])-1]) + q
			}))
			i += end + 1
		default:
			b.WriteByte(l[i])
			i++
		}
	}
	return b.String()
}

func closingTicks(l string, from, n int) int {
	for j := from; j < len(l); {
		if l[j] != '`' {
			j++
			continue
		}
		m := runLen(l[j:], '`')
		if m == n {
			return j
		}
		j += m
	}
	return -1
}

// inlineImage parses "![alt](dest ...)" at the start of s. It returns how
// many bytes it consumed and the rewritten text. fn is called only once
// the whole image has parsed.
func inlineImage(s string, fn func(string) string, budget *scanBudget) (int, string, bool) {
	depth := 0
	i := 2
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\\' {
			i++
			continue
		}
		if c == '[' {
			depth++
		} else if c == ']' {
			if depth == 0 {
				break
			}
			depth--
		}
	}
	if !budget.spend(i) || i+1 >= len(s) || s[i] != ']' || s[i+1] != '(' {
		return 0, "", false
	}
	j := i + 2
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	start := j
	var dest string
	var end int
	angle := j < len(s) && s[j] == '<'
	if angle {
		k := strings.IndexAny(s[j+1:], ">\n")
		if k < 0 || s[j+1+k] != '>' {
			return 0, "", false
		}
		dest = s[j+1 : j+1+k]
		end = j + 1 + k + 1
	} else {
		par := 0
		k := j
		for ; k < len(s); k++ {
			c := s[k]
			if c == '\\' && k+1 < len(s) {
				k++
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' {
				break
			}
			if c == '(' {
				par++
			} else if c == ')' {
				if par == 0 {
					break
				}
				par--
			}
		}
		dest, end = s[j:k], k
		if dest == "" {
			return 0, "", false
		}
	}
	rest, ok := closeParen(s, end)
	if !budget.spend(end-i) || !ok {
		return 0, "", false
	}
	// The alt text may hold images too ([![a](b)](c) is common): rewrite
	// it only now that the outer image is known to be complete.
	alt := rewriteSpan(s[2:i], fn, budget)
	if angle {
		return rest, "![" + alt + "](" + s[i+2:start] + "<" + fn(dest) + ">" + s[end:rest], true
	}
	return rest, "![" + alt + "](" + s[i+2:start] + fn(dest) + s[end:rest], true
}

// closeParen finds the ")" closing an image destination, allowing an
// optional quoted title before it. It returns the index after ")".
func closeParen(s string, from int) (int, bool) {
	j := from
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j < len(s) && (s[j] == '"' || s[j] == '\'') {
		q := s[j]
		k := strings.IndexByte(s[j+1:], q)
		if k < 0 {
			return 0, false
		}
		j += k + 2
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
	}
	if j < len(s) && s[j] == ')' {
		return j + 1, true
	}
	return 0, false
}

// imageExts are the file types imported as assets; anything else a
// markdown file points at stays a plain (probably broken) link.
var imageExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true,
	".webp": true, ".bmp": true, ".avif": true, ".ico": true,
}

func isImagePath(p string) bool { return imageExts[strings.ToLower(path.Ext(p))] }

// localImagePath resolves a relative image URL against dir (a slash path
// inside the archive, "" for the root). It returns "" for absolute URLs,
// data URLs, anchors and paths leaving the archive.
func localImagePath(dir, raw string) string {
	u := strings.TrimSpace(raw)
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") || strings.Contains(u, "\\") {
		return ""
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if c := strings.IndexByte(u, ':'); c >= 0 {
		if s := strings.IndexByte(u, '/'); s < 0 || c < s {
			return "" // has a scheme (http:, data:, mailto:...)
		}
	}
	if dec, err := url.PathUnescape(u); err == nil && utf8.ValidString(dec) {
		u = dec
	}
	p := path.Clean(path.Join(dir, u))
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}

// collectAssets rewrites the relative images of md (a file in dir) to
// their archive paths relative to root, and reads each one into assets.
func collectAssets(za *zipArchive, root, dir, md string, assets *assetSet) (string, error) {
	var firstErr error
	out := RewriteImages(md, func(raw string) string {
		if firstErr != nil {
			return raw
		}
		p := localImagePath(dir, raw)
		if p == "" || !isImagePath(p) {
			return raw
		}
		if _, ok := za.files[p]; !ok || !strings.HasPrefix(p, root) {
			return raw // missing, or beside the codelab rather than in it
		}
		rel := strings.TrimPrefix(p, root)
		if err := assets.add(za, p, rel); err != nil {
			firstErr = err
			return raw
		}
		return rel
	})
	return out, firstErr
}

// assetSet gathers assets once each, in first-seen order.
type assetSet struct {
	list []Asset
	seen map[string]bool
}

func (s *assetSet) add(za *zipArchive, archivePath, rel string) error {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if s.seen[rel] {
		return nil
	}
	data, err := za.readEntry(archivePath)
	if err != nil {
		return err
	}
	s.seen[rel] = true
	s.list = append(s.list, Asset{Path: rel, Data: data})
	return nil
}
