package model

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// The server accepts exactly the languages the apps ship: locales.ts is the
// frontend's list, so a language added there without here (or the reverse) fails.
func TestLanguagesMatchFrontend(t *testing.T) {
	src, err := os.ReadFile("../../frontend/src/lib/i18n/locales.ts")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, m := range regexp.MustCompile(`\{ code: '([^']+)'`).FindAllStringSubmatch(string(src), -1) {
		codes = append(codes, m[1])
	}
	if !slices.Equal(codes, Languages) {
		t.Errorf("locales.ts ships %v, the server accepts %v", codes, Languages)
	}
	for _, ok := range append([]string{""}, Languages...) {
		if !ValidLanguage(ok) {
			t.Errorf("ValidLanguage(%q) = false", ok)
		}
	}
	for _, bad := range []string{"EN", "zh", "zh-cn", "pt", "en-XA", " ko", "ko ", "xx"} {
		if ValidLanguage(bad) {
			t.Errorf("ValidLanguage(%q) = true", bad)
		}
	}
}
