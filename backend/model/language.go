package model

import "slices"

// Languages are the locale tags both apps ship (frontend/src/lib/i18n/locales.ts):
// the values a codelab's default language may take besides "" (follow each browser).
var Languages = []string{"en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "ar"}

// ValidLanguage tells whether tag is "" or one shipped tag, exactly as spelled.
func ValidLanguage(tag string) bool {
	return tag == "" || slices.Contains(Languages, tag)
}
