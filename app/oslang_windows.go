//go:build desktop && windows

package app

import "golang.org/x/sys/windows"

// osLanguages is the user's display languages in order of preference
// (Settings → Time & language), e.g. ["ko-KR", "en-US"]: the language
// Windows itself shows its menus in, not the formats locale.
func osLanguages() []string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil {
		return nil
	}
	return langs
}
