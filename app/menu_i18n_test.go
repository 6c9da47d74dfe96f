package app

import (
	"reflect"
	"slices"
	"testing"

	"github.com/wailsapp/wails/v2/pkg/menu"
)

func TestMenuLanguageFromLocale(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LANG": "POSIX"}, "en"},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, "ko"},
		{map[string]string{"LANG": "ja_JP.eucJP"}, "ja"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "zh-CN"},
		{map[string]string{"LANG": "zh_SG"}, "zh-CN"},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, "zh-TW"},
		{map[string]string{"LANG": "zh_HK.UTF-8"}, "zh-TW"},
		{map[string]string{"LANG": "zh-Hant"}, "zh-TW"},
		{map[string]string{"LANG": "pt_PT.UTF-8"}, "pt-BR"},
		{map[string]string{"LANG": "pt_BR"}, "pt-BR"},
		{map[string]string{"LANG": "de_DE.UTF-8@euro"}, "de"},
		{map[string]string{"LANG": "ar_EG.UTF-8"}, "ar"},
		{map[string]string{"LANG": "sv_SE.UTF-8"}, "en"},
		// Precedence: LC_ALL over LC_MESSAGES over LANG.
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8", "LC_ALL": "es_ES.UTF-8"}, "es"},
		{map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": "C"}, "en"},
	} {
		if got := menuLanguage(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: got %q, want %q", c.env, got, c.want)
		}
	}
}

// sameAsEnglish are words spelled the same in English and that language.
var sameAsEnglish = map[string]bool{"fr.DocsTitle": true}

// Every language fills every label, and every shipped language is in the table.
func TestMenuTextsComplete(t *testing.T) {
	for _, lang := range []string{"en", "ko", "ja", "zh-CN", "zh-TW", "es", "fr", "de", "pt-BR", "ar"} {
		w, ok := menuTexts[lang]
		if !ok {
			t.Errorf("no menu words for %s", lang)
			continue
		}
		v := reflect.ValueOf(w)
		for i := range v.NumField() {
			if v.Field(i).String() == "" {
				t.Errorf("%s: %s is empty", lang, v.Type().Field(i).Name)
			}
			if name := lang + "." + v.Type().Field(i).Name; lang != "en" && !sameAsEnglish[name] && v.Field(i).String() == reflect.ValueOf(menuTexts["en"]).Field(i).String() {
				t.Errorf("%s: %s is still English", lang, v.Type().Field(i).Name)
			}
		}
	}
	if len(menuTexts) != 10 {
		t.Errorf("got %d languages, want the 10 the apps ship", len(menuTexts))
	}
}

// A translated menu has the English one's shape, and its items still do
// what they say (labels are unique within each menu, so a click is unambiguous).
func TestTranslatedMenu(t *testing.T) {
	for lang, w := range menuTexts {
		r := &recorder{}
		m := buildMenuIn("linux", w, r)
		var top []string
		for _, it := range m.Items {
			top = append(top, it.Label)
			seen := map[string]bool{}
			for _, l := range labels(it) {
				if seen[l] {
					t.Errorf("%s: %q twice in the %s menu", lang, l, it.Label)
				}
				seen[l] = true
			}
		}
		if want := []string{"Open Codelabs", w.Edit, w.View, w.Window, w.Help}; !slices.Equal(top, want) {
			t.Errorf("%s: got menus %v, want %v", lang, top, want)
		}
		edit := submenu(t, m, w.Edit)
		if want := []string{w.Undo, w.Redo, w.Cut, w.Copy, w.Paste, w.SelectAll}; !slices.Equal(labels(edit), want) {
			t.Errorf("%s: got Edit items %v, want %v", lang, labels(edit), want)
		}
		click(t, edit, w.Paste)
		click(t, submenu(t, m, w.View), w.ZoomOut)
		click(t, submenu(t, m, w.Window), w.Minimise)
		click(t, submenu(t, m, w.Help), w.Docs)
		if want := []string{"edit:paste", "zoom-", "minimise", "docs"}; !slices.Equal(r.calls, want) {
			t.Errorf("%s: got %v, want %v", lang, r.calls, want)
		}
	}
	// Korean, spelled out once, so a broken table cannot pass by matching itself.
	ko := buildMenuIn("windows", menuWords(menuLanguage(func(k string) string { return map[string]string{"LANG": "ko_KR.UTF-8"}[k] })), &recorder{})
	if got := labels(submenu(t, ko, "편집")); !slices.Equal(got, []string{"실행 취소", "다시 실행", "잘라내기", "복사", "붙여넣기", "모두 선택"}) {
		t.Errorf("Korean Edit menu: got %v", got)
	}
	// macOS keeps the native Edit and Window roles in every language.
	mac := buildMenuIn("darwin", menuTexts["ja"], &recorder{})
	roles := 0
	for _, it := range mac.Items {
		if it.Role == menu.EditMenuRole || it.Role == menu.WindowMenuRole {
			roles++
		}
	}
	if roles != 2 {
		t.Errorf("Japanese macOS menu: got %d native roles, want Edit and Window", roles)
	}
}
