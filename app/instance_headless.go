//go:build !desktop

package app

import "io/fs"

// focusRunning has no window to bring forward in the headless build.
func focusRunning(string, fs.FS) {}
