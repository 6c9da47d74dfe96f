package app

import (
	"regexp"
	"strings"
)

// The menu's language: at start the system's (startMenuLanguage), then,
// once the facilitator app has loaded, whatever language it shows
// (SetMenuLanguage), so the picker in the app drives the menu too.

// startMenuLanguage is the first of the OS's preferred display languages
// that we ship (Windows, macOS: osLanguages), else the POSIX locale
// variables (menuLanguage), else English.
func startMenuLanguage(osLangs []string, getenv func(string) string) string {
	for _, l := range osLangs {
		if tag := matchMenuLanguage(l); tag != "en" || strings.HasPrefix(strings.ToLower(l), "en") {
			return tag
		}
	}
	return menuLanguage(getenv)
}

var appleLanguage = regexp.MustCompile(`"?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)"?\s*,?`)

// parseAppleLanguages reads `defaults read -g AppleLanguages` output:
// ( "ko-KR", "en-US" ) → [ko-KR en-US].
func parseAppleLanguages(out string) []string {
	out = strings.Trim(strings.TrimSpace(out), "()")
	var langs []string
	for _, m := range appleLanguage.FindAllStringSubmatch(out, -1) {
		langs = append(langs, m[1])
	}
	return langs
}

// SetMenuLanguage rebuilds the native menu in locale, the language the
// facilitator app shows (its picker, else the negotiated one). The app
// calls it at start and whenever the language changes. Unknown tags give
// English; in the headless build there is no menu and it does nothing.
func (b *App) SetMenuLanguage(locale string) {
	if b.menuLanguage != nil {
		b.menuLanguage(matchMenuLanguage(locale))
	}
}
