//go:build desktop && darwin && !cgo

package app

import (
	"os/exec"
)

// osLanguages reads AppleLanguages, the list NSLocale.preferredLanguages
// gives, when the build has no cgo (a cross-compiled vet): `defaults`
// prints it as ( "ko-KR", "en-US" ).
func osLanguages() []string {
	out, err := exec.Command("defaults", "read", "-g", "AppleLanguages").Output()
	if err != nil {
		return nil
	}
	return parseAppleLanguages(string(out))
}
