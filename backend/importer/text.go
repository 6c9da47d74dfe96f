package importer

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// decodeText accepts UTF-8 text with or without a BOM and with \n, \r\n
// or \r line endings, and returns it with \n endings. Anything else
// (other encodings, binary data) is refused with not_utf8.
func decodeText(name string, data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return "", errf(CodeNotUTF8, "%q is not UTF-8 text; save it as UTF-8 and try again", name)
	}
	s := string(data)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s, nil
}

// fence tracks fenced code blocks line by line so that headings,
// durations and images inside code are left alone.
type fence struct {
	char byte // '`' or '~' while inside a fence, 0 outside
	n    int  // length of the opening run
}

// line feeds one line and reports whether it is code (a fence line or a
// line inside a fence).
func (f *fence) line(l string) bool {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return f.char != 0
	}
	if f.char != 0 {
		if n := runLen(t, f.char); n >= f.n && strings.TrimSpace(t[n:]) == "" {
			f.char, f.n = 0, 0
		}
		return true
	}
	for _, c := range []byte{'`', '~'} {
		if n := runLen(t, c); n >= 3 {
			if c == '`' && strings.ContainsRune(t[n:], '`') {
				return false // not a fence: backticks in the info string
			}
			f.char, f.n = c, n
			return true
		}
	}
	return false
}

func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// trimBlankLines drops blank lines at both ends of a block.
func trimBlankLines(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// oneLine flattens a value for a single-line header or heading.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
