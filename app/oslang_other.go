//go:build desktop && !windows && !darwin

package app

// osLanguages is empty on Linux and the BSDs: their desktops set the POSIX
// locale variables, which menuLanguage reads.
func osLanguages() []string { return nil }
