// Package i18n gives the Go side the same message catalogue the Svelte apps
// use (messages/<locale>/<namespace>.json), for what the server renders
// itself: the printable workshop report and its PDF. Server-rendered
// messages use plain {name} placeholders only (no plurals).
package i18n

import (
	"embed"
	"encoding/json"
	"strings"
	"sync"
)

//go:embed messages
var messages embed.FS

// Locales are the shipped languages (locales.ts lists the same).
var Locales = []string{"en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "ar"}

// Match maps a BCP 47 tag onto a shipped locale as locales.ts does, or "en".
func Match(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	for _, l := range Locales {
		if strings.ToLower(l) == t {
			return l
		}
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return "en"
	}
	switch parts[0] {
	case "zh":
		for _, p := range parts[1:] {
			if p == "hant" || p == "tw" || p == "hk" || p == "mo" {
				return "zh-TW"
			}
		}
		return "zh-CN"
	case "pt":
		return "pt-BR"
	}
	for _, l := range Locales {
		if l == parts[0] {
			return l
		}
	}
	return "en"
}

// RTL tells whether the locale is written right to left.
func RTL(locale string) bool { return locale == "ar" }

// Messages is one namespace of one locale; T formats its entries.
type Messages map[string]string

// loaded caches each parsed namespace: the files are embedded and never
// change, so a PDF or report request does not parse JSON again.
var loaded sync.Map // "locale/ns" -> Messages

// Load returns namespace ns in locale (a locale without the file gets
// English). Callers must not modify the map.
func Load(locale, ns string) Messages {
	key := locale + "/" + ns
	if m, ok := loaded.Load(key); ok {
		return m.(Messages)
	}
	m := Messages{}
	b, err := messages.ReadFile("messages/" + locale + "/" + ns + ".json")
	if err != nil {
		b, err = messages.ReadFile("messages/en/" + ns + ".json")
	}
	if err == nil {
		_ = json.Unmarshal(b, &m) // the catalogue check keeps these files valid
	}
	loaded.Store(key, m)
	return m
}

// T is the message key with {name} placeholders filled from pairs
// (name, value, name, value…); an unknown key gives the key.
func (m Messages) T(key string, pairs ...string) string {
	s, ok := m[key]
	if !ok {
		return key
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}
