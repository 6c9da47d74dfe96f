package certificate

import (
	_ "embed"
	"strings"

	"github.com/go-pdf/fpdf"
)

// arabicFont is DejaVu Sans 2.37 (Bitstream Vera licence, fonts/README.md):
// it maps the Arabic Presentation Forms that shapeArabic produces. It is
// registered only in a PDF that prints Arabic, and fpdf embeds only the
// glyphs used.
//
//go:embed fonts/DejaVuSans.ttf
var arabicFont []byte

// Align places a line in its box, relative to the writing direction.
type Align int

// The alignments.
const (
	AlignStart  Align = iota // left in a left-to-right PDF, right in an Arabic one
	AlignCenter              //
	AlignEnd                 // the other side: where numbers line up in a table
)

// Writer draws single lines and wrapped paragraphs that may mix scripts:
// Arabic runs are shaped, put in visual order and drawn in DejaVu Sans,
// everything else (Latin, Hangul, Kana, Han) in WenQuanYi Micro Hei. In a
// PDF without Arabic it draws exactly what fpdf's CellFormat would.
type Writer struct {
	pdf    *fpdf.Fpdf
	rtl    bool // the page's language is written right to left
	size   float64
	arabic bool // the Arabic font is registered
}

// NewWriter registers the CJK font on pdf; rtl mirrors alignment and sets
// the paragraph direction for the bidirectional algorithm.
func NewWriter(pdf *fpdf.Fpdf, rtl bool) *Writer {
	pdf.AddUTF8FontFromBytes("cjk", "", cjkFont)
	return &Writer{pdf: pdf, rtl: rtl, size: 12}
}

// RTL reports whether the writer lays out right to left.
func (w *Writer) RTL() bool { return w.rtl }

// SetSize sets the font size in points for the next lines.
func (w *Writer) SetSize(size float64) {
	w.size = size
	w.pdf.SetFont("cjk", "", size)
}

// segment is a piece of a visual-order line drawn in one font.
type segment struct {
	font, text string
}

// segments shapes text, orders it for display and splits it by font.
func (w *Writer) segments(text string) []segment {
	line := visualOrder(shapeArabic(text), w.rtl)
	var out []segment
	for _, r := range line {
		font := "cjk"
		if isArabic(r) {
			font = "arabic"
		} else if r == ' ' && len(out) > 0 {
			font = out[len(out)-1].font // a space stays in the run it is in
		}
		if font == "arabic" && !w.arabic {
			w.pdf.AddUTF8FontFromBytes("arabic", "", arabicFont)
			w.arabic = true
		}
		if n := len(out); n > 0 && out[n-1].font == font {
			out[n-1].text += string(r)
		} else {
			out = append(out, segment{font, string(r)})
		}
	}
	return out
}

func (w *Writer) width(segs []segment) float64 {
	total := 0.0
	for _, s := range segs {
		w.pdf.SetFont(s.font, "", w.size)
		total += w.pdf.GetStringWidth(s.text)
	}
	w.pdf.SetFont("cjk", "", w.size)
	return total
}

// Width is the printed width of text at the current size.
func (w *Writer) Width(text string) float64 { return w.width(w.segments(text)) }

// Fit shortens text with an ellipsis until it fits width millimetres.
func (w *Writer) Fit(text string, width float64) string {
	r := []rune(text)
	for len(r) > 1 && w.Width(text) > width {
		r = r[:len(r)-1]
		text = string(r) + "…"
	}
	return text
}

// Cell draws text on one line in the box at x, y of width × h, vertically
// centred like fpdf's CellFormat, and leaves the position after the box.
func (w *Writer) Cell(x, y, width, h float64, text string, align Align) {
	segs := w.segments(text)
	total := w.width(segs)
	margin := w.pdf.GetCellMargin()
	start := x + margin
	switch {
	case align == AlignCenter:
		start = x + (width-total)/2
	case (align == AlignEnd) != w.rtl:
		start = x + width - margin - total
	}
	w.pdf.SetCellMargin(0)
	for _, s := range segs {
		w.pdf.SetFont(s.font, "", w.size)
		sw := w.pdf.GetStringWidth(s.text)
		w.pdf.SetXY(start, y)
		w.pdf.CellFormat(sw, h, s.text, "", 0, "L", false, 0, "")
		start += sw
	}
	w.pdf.SetCellMargin(margin)
	w.pdf.SetFont("cjk", "", w.size)
	w.pdf.SetXY(x+width, y)
}

// Paragraph draws text wrapped to width from the current line at x, one
// line every lineH, starting a new page where fpdf's auto page break would.
func (w *Writer) Paragraph(x, width, lineH float64, text string, align Align) {
	_, pageH := w.pdf.GetPageSize()
	_, bottom := w.pdf.GetAutoPageBreak()
	for _, line := range w.wrap(text, width-2*w.pdf.GetCellMargin()) {
		if w.pdf.GetY()+lineH > pageH-bottom {
			w.pdf.AddPage()
		}
		y := w.pdf.GetY()
		w.Cell(x, y, width, lineH, line, align)
		w.pdf.SetXY(x, y+lineH)
	}
}

// wrap breaks text (logical order) into lines no wider than width, at
// spaces, or anywhere in a word longer than a line.
func (w *Writer) wrap(text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if w.Width(try) <= width {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = word
			for w.Width(line) > width && len([]rune(line)) > 1 {
				r := []rune(line)
				n := len(r) - 1
				for n > 1 && w.Width(string(r[:n])) > width {
					n--
				}
				lines = append(lines, string(r[:n]))
				line = string(r[n:])
			}
		}
		lines = append(lines, line)
	}
	return lines
}
