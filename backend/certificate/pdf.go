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

// PDFInput is what the printed certificate shows.
type PDFInput struct {
	Payload     Payload
	Fingerprint string
	VerifyURL   string // encoded in the QR code
	Text        Text   // the words around the names, in the attendee's language
	RTL         bool   // Text is in a right-to-left language (Arabic): the layout mirrors
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
	wr := NewWriter(pdf, in.RTL)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	const w, h = 297.0, 210.0

	pdf.SetDrawColor(40, 70, 140)
	pdf.SetLineWidth(1.2)
	pdf.Rect(10, 10, w-20, h-20, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(14, 14, w-28, h-28, "D")

	center := func(y, size float64, rgb [3]int, text string) {
		wr.SetSize(size)
		pdf.SetTextColor(rgb[0], rgb[1], rgb[2])
		wr.Cell(20, y, w-40, size*0.5, text, AlignCenter)
	}
	fit := func(text string, size float64) string {
		wr.SetSize(size)
		return wr.Fit(text, w-50)
	}
	dark, muted, accent := [3]int{20, 20, 30}, [3]int{90, 90, 100}, [3]int{40, 70, 140}
	center(30, 30, accent, tx.Title)
	center(55, 14, muted, tx.Certifies)
	center(70, 34, dark, fit(p.AttendeeName, 34))
	center(95, 14, muted, tx.HasCompleted)
	center(106, 22, dark, fit(p.CodelabTitle, 22))
	by := p.WorkshopName
	if p.Author != "" {
		by = fill(tx.By, "author", Isolate(p.Author)) + "  ·  " + Isolate(p.WorkshopName)
	}
	center(124, 12, muted, by)
	when := p.CompletedAt
	if t, err := time.Parse(time.RFC3339, p.CompletedAt); err == nil {
		when = t.UTC().Format("2006-01-02 15:04 UTC") // one form every language reads
	}
	center(134, 12, muted, fill(tx.Completed, "date", Isolate(when)))

	// The key block sits on the start side, the QR code on the end side.
	wr.SetSize(8)
	pdf.SetTextColor(muted[0], muted[1], muted[2])
	blockX, qrX := 22.0, w-22-46
	if in.RTL {
		blockX, qrX = w-22-200, 22
	}
	for i, line := range []string{fill(tx.ID, "id", Isolate(p.ID)), fill(tx.SignedWith, "key", Isolate(in.Fingerprint)),
		fill(tx.Verify, "command", Isolate(" opencodelabs verify TOKEN "))} {
		wr.Cell(blockX, 168+5*float64(i), 200, 5, line, AlignStart)
	}

	if in.VerifyURL != "" {
		if err := drawQR(pdf, in.VerifyURL, qrX, h-22-46, 46); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate: pdf: %w", err)
	}
	return buf.Bytes(), nil
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
