package markdown

import (
	"html"
	"net/url"
	"strings"
)

// allowedSchemes are the only URL schemes a rendered href or src may carry.
// An allowlist rather than a blocklist: a scheme nobody thought of
// (vbscript:, a future one) is refused by default.
var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// safeURL reports whether dest may be written into an href or src. A URL
// without a scheme (relative path, #fragment, ?query, //host) is safe. The
// check runs on dest as given, entity-decoded, and percent-decoded, and
// refuses if any of those readings has a scheme outside allowedSchemes.
// Readings that a browser would not make only ever make the check stricter.
func safeURL(dest string) bool {
	decoded := html.UnescapeString(dest)
	forms := []string{dest, decoded}
	if p, err := url.PathUnescape(decoded); err == nil {
		forms = append(forms, p)
	}
	for _, f := range forms {
		if s, ok := urlScheme(f); ok && !allowedSchemes[s] {
			return false
		}
	}
	return true
}

// urlScheme returns the lower-cased scheme of u, as a browser would see it:
// ASCII whitespace and control characters are removed first (the URL parser
// strips them at the ends and drops tabs and newlines everywhere). A colon
// before any '/', '?' or '#' marks a scheme, even one with characters a
// browser would reject, so oddities are refused rather than guessed at.
func urlScheme(u string) (string, bool) {
	var b strings.Builder
	b.Grow(len(u))
	for i := 0; i < len(u); i++ {
		if c := u[i]; c > 0x20 && c != 0x7f {
			b.WriteByte(c)
		}
	}
	s := b.String()
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return "", false
	}
	return strings.ToLower(s[:i]), true
}
