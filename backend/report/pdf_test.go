package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/opencodelabs/desktop/frontend/src/lib/i18n"
	"golang.org/x/text/unicode/norm"
)

// TestPDFInArabic prints the report in Arabic and in English: the Arabic
// one embeds the Arabic font and its labels come back from the PDF text
// (poppler gives presentation forms, NFKC folds them), next to the English
// step titles; the English one is unchanged (no Arabic font). The Arabic
// page is rendered to test-output/report-ar.png to look at.
func TestPDFInArabic(t *testing.T) {
	rep := Build(session())
	rep.Session.Title = "Morning workshop"
	ar, err := PDF(&rep, "ar")
	if err != nil {
		t.Fatal(err)
	}
	en, err := PDF(&rep, "en")
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
	plain := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, norm.NFKC.String(s))
	}
	m := i18n.Load("ar", "adminReport")
	for file, c := range map[string]struct {
		want       []string
		arabicFont bool
	}{
		arFile: {[]string{m.T("title"), m.T("steps"), m.T("col.reached"), m.T("feedback"), "Setup", "Morning workshop", "Step 2 was long"}, true},
		enFile: {[]string{"Workshop report", "Setup", "Morning workshop"}, false},
	} {
		fonts, _ := exec.Command("pdffonts", file).Output()
		if got := strings.Contains(string(fonts), "utf8arabic"); got != c.arabicFont {
			t.Errorf("%s: Arabic font embedded = %v, want %v:\n%s", filepath.Base(file), got, c.arabicFont, fonts)
		}
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range c.want {
			if !strings.Contains(plain(string(out)), plain(want)) {
				t.Errorf("%s: text lacks %q:\n%s", filepath.Base(file), want, out)
			}
		}
	}
	outDir := filepath.Join("..", "..", "test-output")
	if err := os.MkdirAll(outDir, 0o755); err == nil {
		if err := exec.Command("pdftoppm", "-png", "-r", "80", "-singlefile", arFile, filepath.Join(outDir, "report-ar")).Run(); err != nil {
			t.Errorf("pdftoppm: %v", err)
		}
	}
}
