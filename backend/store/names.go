package store

import (
	"strings"
	"unicode"
)

// hiddenInName reports a character a name may not contain: a Unicode
// format character (category Cf: zero-width space U+200B, the marks
// U+200E/U+200F/U+061C, the bidi embeddings, overrides and isolates
// U+202A–U+202E and U+2066–U+2069, the word joiner U+2060, the BOM U+FEFF,
// the soft hyphen …). They are invisible or reorder the text around them,
// so "b\u200bob" would pass for "bob" and "\u202eyrrab" for "barry".
// The joiners ZWNJ and ZWJ are allowed (Persian and other scripts, emoji
// sequences), as are emoji tag characters; joinerLike drops them from
// the comparison key instead.
func hiddenInName(r rune) bool {
	return unicode.Is(unicode.Cf, r) && !joinerLike(r)
}

// joinerLike are invisible characters a name may keep but that do not
// make it a different name: ZWNJ, ZWJ, variation selectors, the combining
// grapheme joiner and emoji tag characters.
func joinerLike(r rune) bool {
	switch {
	case r == '\u200c', r == '\u200d', r == '\u034f':
		return true
	case r >= '\ufe00' && r <= '\ufe0f':
		return true
	case r >= 0xe0020 && r <= 0xe007f:
		return true
	}
	return false
}

// stripJoiners removes the joinerLike characters for name comparison.
func stripJoiners(s string) string {
	return strings.Map(func(r rune) rune {
		if joinerLike(r) {
			return -1
		}
		return r
	}, s)
}
