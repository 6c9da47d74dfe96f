package app

import (
	"reflect"
	"testing"
)

func TestStartMenuLanguage(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		name string
		os   []string
		env  map[string]string
		want string
	}{
		{"Windows Korean", []string{"ko-KR", "en-US"}, nil, "ko"},
		{"macOS script subtag", []string{"zh-Hant-TW", "en"}, nil, "zh-TW"},
		{"macOS simplified", []string{"zh-Hans-CN"}, nil, "zh-CN"},
		{"first shipped one", []string{"sv-SE", "de-DE", "en-US"}, nil, "de"},
		{"English listed before", []string{"en-GB", "ko-KR"}, nil, "en"},
		{"the OS list wins over a terminal's LANG", []string{"ja-JP"}, map[string]string{"LANG": "en_US.UTF-8"}, "ja"},
		{"none shipped: the locale variables", []string{"sv-SE"}, map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{"Linux: no OS list", nil, map[string]string{"LC_ALL": "ar_EG.UTF-8"}, "ar"},
		{"nothing", nil, nil, "en"},
	} {
		if got := startMenuLanguage(c.os, env(c.env)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestParseAppleLanguages(t *testing.T) {
	out := "(\n    \"ko-KR\",\n    \"en-US\",\n    \"zh-Hant-TW\"\n)\n"
	if got, want := parseAppleLanguages(out), []string{"ko-KR", "en-US", "zh-Hant-TW"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := parseAppleLanguages("(\n)\n"); len(got) != 0 {
		t.Errorf("empty list: got %q", got)
	}
}

// SetMenuLanguage hands the window the shipped tag for the app's locale,
// and is a no-op without a window (headless build).
func TestSetMenuLanguage(t *testing.T) {
	var got []string
	b := &App{menuLanguage: func(lang string) { got = append(got, lang) }}
	for _, l := range []string{"ko", "pt-BR", "zh-TW", "ar", "en-XA", "sv"} {
		b.SetMenuLanguage(l)
	}
	if want := []string{"ko", "pt-BR", "zh-TW", "ar", "en", "en"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	(&App{}).SetMenuLanguage("ko") // must not panic
}
