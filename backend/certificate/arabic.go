package certificate

import (
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"
)

// fpdf draws one glyph per character, left to right, with no OpenType
// shaping. Arabic therefore goes through two steps before it is drawn:
// shapeArabic replaces each letter with its contextual presentation form
// (Unicode Arabic Presentation Forms-A/B, which the embedded DejaVu Sans
// maps), and visualOrder applies the Unicode bidirectional algorithm
// (go-text/typesetting/bidi) so the line reads right to left on the page.
// No maintained Go module does the shaping step (01walid/goarabic is not
// served by the module proxy; go-text's shaper yields glyph ids, which
// fpdf cannot draw), so the table below is ours.

// arabicForm is a letter's presentation forms: the isolated form's code
// point, followed by final, initial and medial for a dual-joining letter
// (forms == 4) or by final only for a right-joining one (forms == 2).
type arabicForm struct {
	first rune
	forms int
}

var arabicForms = func() map[rune]arabicForm {
	m := map[rune]arabicForm{}
	// U+0621…U+063A and U+0641…U+064A map in order onto U+FE80…U+FEF4.
	counts := []int{1, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 4, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, // ء…غ
		4, 4, 4, 4, 4, 4, 4, 2, 2, 4} // ف…ي
	next := rune(0xFE80)
	letter := rune(0x0621)
	for _, n := range counts {
		m[letter] = arabicForm{next, n}
		next += rune(n)
		letter++
		if letter == 0x063B {
			letter = 0x0641
		}
	}
	// Letters of Persian, Urdu and Kurdish names, in Presentation Forms-A.
	for r, f := range map[rune]arabicForm{0x067E: {0xFB56, 4}, 0x0686: {0xFB7A, 4}, 0x0698: {0xFB8A, 2},
		0x06A9: {0xFB8E, 4}, 0x06AF: {0xFB92, 4}, 0x06CC: {0xFBFC, 4}} {
		m[r] = f
	}
	return m
}()

// lamAlef is the isolated lam-alef ligature for each alef; final is +1.
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const tatweel = 0x0640

// joinsNext reports whether r connects to the letter after it.
func joinsNext(r rune) bool { return r == tatweel || arabicForms[r].forms == 4 }

// joinsPrev reports whether r connects to the letter before it.
func joinsPrev(r rune) bool { return r == tatweel || arabicForms[r].forms >= 2 }

// transparent marks (harakat) sit on a letter without breaking the joining.
func transparent(r rune) bool { return unicode.Is(unicode.Mn, r) }

// hasArabic reports whether s has any Arabic-script character.
func hasArabic(s string) bool {
	for _, r := range s {
		if isArabic(r) {
			return true
		}
	}
	return false
}

func isArabic(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// shapeArabic returns s, still in logical order, with every Arabic letter
// in its contextual form and lam followed by alef as one ligature.
func shapeArabic(s string) string {
	if !hasArabic(s) {
		return s
	}
	in := []rune(s)
	// neighbour finds the nearest non-mark character from i in step direction.
	neighbour := func(i, step int) rune {
		for i += step; i >= 0 && i < len(in); i += step {
			if !transparent(in[i]) {
				return in[i]
			}
		}
		return 0
	}
	out := make([]rune, 0, len(in))
	for i := 0; i < len(in); i++ {
		r := in[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev := joinsNext(neighbour(i, -1))
		if lig, ok := lamAlef[neighbour(i, 1)]; r == 0x0644 && ok && i+1 < len(in) && !transparent(in[i+1]) {
			if prev {
				lig++
			}
			out = append(out, lig)
			i++ // the alef is in the ligature
			continue
		}
		next := f.forms == 4 && joinsPrev(neighbour(i, 1))
		form := f.first // isolated
		switch {
		case f.forms == 4 && prev && next:
			form += 3
		case f.forms == 4 && next:
			form += 2
		case f.forms >= 2 && prev:
			form++
		}
		out = append(out, form)
	}
	return string(out)
}

// Isolate wraps an inserted value (a name, a date, an id) in Unicode
// first-strong isolates, so a date or an English title inside an Arabic
// sentence keeps its own order. The marks have no glyph; visualOrder drops them.
func Isolate(v string) string { return "\u2068" + v + "\u2069" }

// visualOrder returns s (shaped, in logical order) in the left-to-right
// order its characters appear on the page. rtl is the paragraph direction.
func visualOrder(s string, rtl bool) string {
	if !rtl && !hasArabic(s) {
		return stripIsolates(s)
	}
	dir := bidi.LeftToRight
	if rtl {
		dir = bidi.RightToLeft
	}
	text := []rune(s)
	var p bidi.Paragraph
	runs := p.Segment(text, dir)
	type run struct {
		s     string
		level int
	}
	seq := make([]run, runs.NumRuns())
	maxLevel, minOdd := 0, 1<<30
	for i := range seq {
		r := runs.Run(i)
		seq[i] = run{string(text[r.Start:r.End]), int(r.Level)}
		if !r.IsLeftToRight() {
			seq[i].s = reverseRun(seq[i].s)
			minOdd = min(minOdd, int(r.Level))
		}
		maxLevel = max(maxLevel, int(r.Level))
	}
	// Rule L2 of UAX #9: from the highest level down to the lowest odd
	// one, reverse every maximal sequence of runs at that level or higher.
	for lvl := maxLevel; lvl >= minOdd && lvl > 0; lvl-- {
		for i := 0; i < len(seq); {
			if seq[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(seq) && seq[j].level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				seq[a], seq[b] = seq[b], seq[a]
			}
			i = j
		}
	}
	var b strings.Builder
	for _, r := range seq {
		b.WriteString(r.s)
	}
	return stripIsolates(b.String())
}

// reverseRun reverses a right-to-left run for drawing left to right and
// mirrors its brackets and quotation marks (rule L4 of UAX #9). A
// combining mark ends up before its letter, which is where DejaVu Sans
// draws it from: its Arabic marks have no advance and their outline to the
// right of the pen.
func reverseRun(s string) string {
	return strings.Map(func(r rune) rune {
		if m, ok := mirrored[r]; ok {
			return m
		}
		return r
	}, xbidi.ReverseString(s)) // mirrors the paired brackets
}

// mirrored is the Bidi_Mirroring_Glyph pairs that are not paired brackets
// (x/text mirrors only those) and that the product's own text uses.
var mirrored = map[rune]rune{'«': '»', '»': '«', '‹': '›', '›': '‹', '<': '>', '>': '<', '≤': '≥', '≥': '≤'}

// stripIsolates drops the bidi control marks, which have no glyph.
func stripIsolates(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) {
			return -1
		}
		return r
	}, s)
}
