package markdown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// headingIDs generates heading ids like goldmark's default ("Step 1: Go!" ->
// "step-1-go", repeats get "-1", "-2") but keeps non-ASCII letters and
// digits, which goldmark drops: a Korean or Russian codelab would otherwise
// get ids like "heading" and "-". One value per document.
type headingIDs struct {
	used map[string]bool
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case r == utf8.RuneError:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		id = "id"
		if kind == ast.KindHeading {
			id = "heading"
		}
	}
	if !s.used[id] {
		s.used[id] = true
		return []byte(id)
	}
	for i := s.next[id] + 1; ; i++ {
		candidate := fmt.Sprintf("%s-%d", id, i)
		if !s.used[candidate] {
			s.used[candidate] = true
			s.next[id] = i
			return []byte(candidate)
		}
	}
}

// Put implements parser.IDs.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
}
