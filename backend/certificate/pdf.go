package certificate

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	goqr "github.com/skip2/go-qrcode"
)

// cjkFont is WenQuanYi Micro Hei (Apache-2.0, fonts/README.md): TrueType
// outlines covering Latin, Hangul, Kana and CJK, so any attendee name
// prints. fpdf embeds only the glyphs used.
//
//go:embed fonts/WenQuanYiMicroHei.ttf
var cjkFont []byte

// FontTTF is the embedded CJK-capable font, for other printed pages.
func FontTTF() []byte { return cjkFont }

// PDFInput is what the printed certificate shows.
type PDFInput struct {
	Payload     Payload
	Fingerprint string
	VerifyURL   string // encoded in the QR code
	Text        Text   // the words around the names, in the attendee's language
}

// Text is every fixed phrase of the certificate; {author}, {date}, {id},
// {key} and {command} are filled in. EnglishText is the default.
type Text struct {
	Title, Certifies, HasCompleted, By, Completed, ID, SignedWith, Verify string
}

// EnglishText is the certificate in English.
var EnglishText = Text{
	Title: "Certificate of Completion", Certifies: "This certifies that", HasCompleted: "has completed the codelab",
	By: "by {author}", Completed: "Completed {date}", ID: "Certificate ID: {id}", SignedWith: "Signed with Ed25519 key {key}",
	Verify: "Verify: scan the code, or run {command} with the facilitator's public key.",
}

func fill(s string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// PDF draws a one-page A4 landscape certificate with a QR code of the
// verify URL.
func PDF(in PDFInput) ([]byte, error) {
	p, tx := in.Payload, in.Text
	if tx.Title == "" {
		tx = EnglishText
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetTitle(tx.Title+": "+p.CodelabTitle, true)
	pdf.SetAuthor(p.WorkshopName, true)
	pdf.SetCreator("Open Codelabs Desktop", true)
	pdf.AddUTF8FontFromBytes("cjk", "", cjkFont)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	const w, h = 297.0, 210.0

	pdf.SetDrawColor(40, 70, 140)
	pdf.SetLineWidth(1.2)
	pdf.Rect(10, 10, w-20, h-20, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(14, 14, w-28, h-28, "D")

	center := func(y, size float64, rgb [3]int, text string) {
		pdf.SetFont("cjk", "", size)
		pdf.SetTextColor(rgb[0], rgb[1], rgb[2])
		pdf.SetXY(20, y)
		pdf.CellFormat(w-40, size*0.5, text, "", 0, "C", false, 0, "")
	}
	dark, muted, accent := [3]int{20, 20, 30}, [3]int{90, 90, 100}, [3]int{40, 70, 140}
	center(30, 30, accent, tx.Title)
	center(55, 14, muted, tx.Certifies)
	center(70, 34, dark, fit(pdf, p.AttendeeName, 34, w-50))
	center(95, 14, muted, tx.HasCompleted)
	center(106, 22, dark, fit(pdf, p.CodelabTitle, 22, w-50))
	by := p.WorkshopName
	if p.Author != "" {
		by = fill(tx.By, "author", p.Author) + "  ·  " + p.WorkshopName
	}
	center(124, 12, muted, by)
	when := p.CompletedAt
	if t, err := time.Parse(time.RFC3339, p.CompletedAt); err == nil {
		when = t.UTC().Format("2006-01-02 15:04 UTC") // one form every language reads
	}
	center(134, 12, muted, fill(tx.Completed, "date", when))

	pdf.SetFont("cjk", "", 8)
	pdf.SetTextColor(muted[0], muted[1], muted[2])
	pdf.SetXY(22, 168)
	pdf.CellFormat(200, 5, fill(tx.ID, "id", p.ID), "", 2, "L", false, 0, "")
	pdf.SetX(22)
	pdf.CellFormat(200, 5, fill(tx.SignedWith, "key", in.Fingerprint), "", 2, "L", false, 0, "")
	pdf.SetX(22)
	pdf.CellFormat(200, 5, fill(tx.Verify, "command", " opencodelabs verify TOKEN "), "", 2, "L", false, 0, "")

	if in.VerifyURL != "" {
		if err := drawQR(pdf, in.VerifyURL, w-22-46, h-22-46, 46); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate: pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// fit shortens text with an ellipsis until it fits width at size.
func fit(pdf *fpdf.Fpdf, text string, size, width float64) string {
	pdf.SetFont("cjk", "", size)
	return FitWidth(pdf, text, width)
}

// FitWidth shortens text with an ellipsis until it fits width millimetres
// in the PDF's current font (the workshop report uses it too).
func FitWidth(pdf *fpdf.Fpdf, text string, width float64) string {
	r := []rune(text)
	for len(r) > 1 && pdf.GetStringWidth(string(r)) > width {
		r = r[:len(r)-1]
		text = string(r) + "…"
		if pdf.GetStringWidth(text) <= width {
			return text
		}
	}
	return text
}

// drawQR draws the QR code of text as vector squares in a size×size box.
func drawQR(pdf *fpdf.Fpdf, text string, x, y, size float64) error {
	code, err := goqr.New(text, goqr.Low)
	if err != nil {
		return fmt.Errorf("certificate: qr: %w", err)
	}
	code.DisableBorder = true
	bits := code.Bitmap()
	m := size / float64(len(bits))
	pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			pdf.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, m, "F")
		}
	}
	return nil
}
