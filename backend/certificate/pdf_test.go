package certificate

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// TestPDFPrintsCJKNames makes a certificate for a Korean, Japanese and
// Chinese name and, when poppler-utils is installed, checks the text and
// embedded font with pdftotext/pdffonts and renders page 1 to
// test-output/certificate.png to look at.
func TestPDFPrintsCJKNames(t *testing.T) {
	name := "김민지 · 山田花子 · 王小明"
	verify := "http://codelabs.local:8080/verify#token=" + strings.Repeat("eyJ2IjoxLCJpZCI6Ik9q", 20) + ".r9k5TQa3UzfUTkfNyjs6-m82osNq0fVisB2LHrY7GleAkqfwmMR9L5JfDnVOTDHWI0ncxWHSrKjIj3YAf4wgAg"
	pdf, err := PDF(PDFInput{Payload: Payload{V: 1, ID: "abc123", AttendeeName: name, CodelabTitle: "Go 入門 — 시작하기",
		Author: "Ada", WorkshopName: "codelabs", CompletedAt: "2026-12-01T01:00:00Z", KeyID: "1a2b"},
		Fingerprint: "SHA256:00ff", VerifyURL: verify})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("got %q…, want a PDF", pdf[:8])
	}
	if len(pdf) > 2<<20 {
		t.Errorf("PDF is %d bytes: the font should be subset", len(pdf))
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils not installed: text and rendering not checked")
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"김민지", "山田花子", "王小明", "Certificate of Completion", "abc123"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, out)
		}
	}
	fonts, err := exec.Command("pdffonts", file).Output()
	if err != nil || !strings.Contains(string(fonts), "TrueType") {
		t.Errorf("pdffonts: got %s (%v), want an embedded TrueType font", fonts, err)
	}
	outDir := filepath.Join("..", "..", "test-output")
	if err := os.MkdirAll(outDir, 0o755); err == nil {
		if err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file,
			filepath.Join(outDir, "certificate-pdf")).Run(); err != nil {
			t.Errorf("pdftoppm: %v", err)
		}
	}
	// The QR code in the corner reads back as the verify URL (150 dpi, like a phone camera's view of a print).
	qrPNG := filepath.Join(dir, "page")
	if err := exec.Command("pdftoppm", "-png", "-r", "150", "-singlefile", file, qrPNG).Run(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(qrPNG + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	px := func(mm float64) int { return int(mm * 150 / 25.4) }
	corner := page.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(px(297-72), px(210-72), px(297-18), px(210-18)))
	bmp, err := gozxing.NewBinaryBitmapFromImage(corner)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode the certificate's QR code: %v", err)
	}
	if res.GetText() != verify {
		t.Errorf("QR code: got %q, want the verify URL", res.GetText())
	}
}
