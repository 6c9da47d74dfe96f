package certificate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/opencodelabs/desktop/frontend/src/lib/i18n"
)

func TestShapeArabic(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"سلام", "\uFEB3\uFEFC\uFEE1"},       // initial seen, final lam-alef, isolated meem
		{"لا", "\uFEFB"},                     // isolated lam-alef
		{"بيت", "\uFE91\uFEF4\uFE96"},        // initial, medial, final
		{"دار", "\uFEA9\uFE8D\uFEAD"},        // right-joining letters break the word
		{"أتمّ", "\uFE83\uFE97\uFEE2\u0651"}, // a shadda does not break the joining
		{"Go بـ", "Go \uFE91\u0640"},         // Latin untouched; tatweel joins
		{"رقم 12", "\uFEAD\uFED7\uFEE2 12"},  // digits untouched
		{"گل", "\uFB94\uFEDE"},               // Persian gaf (Presentation Forms-A)
		{"", ""},
	} {
		if got := shapeArabic(c.in); got != c.want {
			t.Errorf("shapeArabic(%q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	for _, c := range []struct {
		in   string
		rtl  bool
		want string
	}{
		{"abc", false, "abc"},
		{"ابت", true, "تبا"},
		// An English title inside Arabic keeps its order; the Arabic reads from the right.
		{"درس Go Basics (v2) جديد", true, "ديدج Go Basics (v2) سرد"},
		// An isolated date stays 2026-01-02, not 02-01-2026.
		{"في " + Isolate("2026-01-02"), true, "2026-01-02 يف"},
		// Brackets in an Arabic run are mirrored.
		{"(ب)", true, "(ب)"},
		{"«ب»", true, "«ب»"},
		{"Hello عالم", false, "Hello ملاع"},
	} {
		if got := visualOrder(c.in, c.rtl); got != c.want {
			t.Errorf("visualOrder(%q, %v) = %q, want %q", c.in, c.rtl, got, c.want)
		}
	}
}

// TestPDFInArabic prints an Arabic certificate with an English codelab
// title: the Arabic labels are drawn as shaped presentation forms in visual
// order with DejaVu Sans embedded, and the page is rendered to
// test-output/certificate-ar.png to look at. An English certificate does
// not embed the Arabic font.
func TestPDFInArabic(t *testing.T) {
	m := i18n.Load("ar", "serverCertificate")
	tx := Text{Title: m.T("title"), Certifies: m.T("certifies"), HasCompleted: m.T("hasCompleted"), By: m.T("by"),
		Completed: m.T("completed"), ID: m.T("id"), SignedWith: m.T("signedWith"), Verify: m.T("verify")}
	payload := Payload{V: 1, ID: "abc123", AttendeeName: "ليلى أحمد", CodelabTitle: "Go Basics (v2)",
		Author: "Ada", WorkshopName: "codelabs", CompletedAt: "2026-12-01T01:00:00Z", KeyID: "1a2b"}
	ar, err := PDF(PDFInput{Payload: payload, Fingerprint: "SHA256:00ff", VerifyURL: "http://codelabs.local/verify", Text: tx, RTL: true})
	if err != nil {
		t.Fatal(err)
	}
	en, err := PDF(PDFInput{Payload: payload, Fingerprint: "SHA256:00ff", VerifyURL: "http://codelabs.local/verify"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	arFile, enFile := filepath.Join(dir, "ar.pdf"), filepath.Join(dir, "en.pdf")
	for f, b := range map[string][]byte{arFile: ar, enFile: en} {
		if err := os.WriteFile(f, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils not installed: text and fonts not checked")
	}
	checkArabicPDF(t, arFile, []string{tx.Title, tx.Certifies, "ليلى أحمد"}, []string{"Go Basics", "abc123", "2026-12-01 01:00 UTC"})
	if fonts, _ := exec.Command("pdffonts", enFile).Output(); strings.Contains(string(fonts), "DejaVu") {
		t.Errorf("an English certificate embeds the Arabic font:\n%s", fonts)
	}
	if out, _ := exec.Command("pdftotext", enFile, "-").Output(); !strings.Contains(string(out), "Certificate of Completion") {
		t.Errorf("English certificate text: got %q", out)
	}
	outDir := filepath.Join("..", "..", "test-output")
	if err := os.MkdirAll(outDir, 0o755); err == nil {
		if err := exec.Command("pdftoppm", "-png", "-r", "100", "-singlefile", arFile, filepath.Join(outDir, "certificate-ar")).Run(); err != nil {
			t.Errorf("pdftoppm: %v", err)
		}
	}
}

// checkArabicPDF asserts that the PDF embeds the Arabic font and that its
// text, as poppler extracts it (presentation forms, logical order),
// contains each string. Marks are compared loosely: poppler moves a shadda
// to the letter before when it restores the logical order.
func checkArabicPDF(t *testing.T, file string, arabic, latin []string) {
	t.Helper()
	fonts, err := exec.Command("pdffonts", file).Output()
	if err != nil || !strings.Contains(string(fonts), "utf8arabic") {
		t.Errorf("pdffonts: got %s (%v), want the Arabic font embedded", fonts, err)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	plain := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, norm.NFKC.String(s))
	}
	text := plain(string(out))
	for _, want := range append(arabic, latin...) {
		if !strings.Contains(text, plain(want)) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if !strings.ContainsRune(string(out), 0xFEFC) && !strings.ContainsRune(string(out), 0xFEFB) && !strings.ContainsRune(string(out), 0xFEB7) {
		t.Errorf("PDF text has no presentation forms, so Arabic was not shaped:\n%s", out)
	}
}
