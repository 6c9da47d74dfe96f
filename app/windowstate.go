package app

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// The window remembers its size and position between launches in a small
// JSON file in the data dir, written when the window closes. Missing,
// unreadable or absurd values fall back to the defaults: a broken file never
// stops the app from opening.

const windowStateFile = "window.json"

// windowState is the saved geometry. Maximised windows are saved with the
// size they had before (Wails reports the maximised size; we keep the last
// normal one instead).
type windowState struct {
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	Maximised bool `json:"maximised"`
	// HasPosition is false when only a size is known (first launch): the
	// system then places the window.
	HasPosition bool `json:"has_position"`
}

var defaultWindow = windowState{Width: 1280, Height: 820}

const (
	minWindowWidth, minWindowHeight = 800, 560
	maxWindowSide                   = 16384 // larger than any screen; beyond it the file is wrong
	maxWindowOffset                 = 32768
)

// valid reports whether s is a geometry worth restoring.
func (s windowState) valid() bool {
	return s.Width >= minWindowWidth && s.Height >= minWindowHeight &&
		s.Width <= maxWindowSide && s.Height <= maxWindowSide &&
		abs(s.X) <= maxWindowOffset && abs(s.Y) <= maxWindowOffset
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// loadWindowState reads the saved geometry from dataDir, or the defaults.
func loadWindowState(dataDir string) windowState {
	data, err := os.ReadFile(filepath.Join(dataDir, windowStateFile))
	if err != nil {
		return defaultWindow
	}
	var s windowState
	if json.Unmarshal(data, &s) != nil || !s.valid() {
		return defaultWindow
	}
	return s
}

// saveWindowState writes s through a temporary file, so a crash mid-write
// leaves the previous state, never half a file. Invalid geometry (a window
// closed while minimised reports zeros on some systems) is not saved.
func saveWindowState(dataDir string, s windowState) error {
	if !s.valid() {
		return errors.New("window state: not a restorable geometry")
	}
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	path := filepath.Join(dataDir, windowStateFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// closingState is what to save when the window closes: its current geometry,
// or, when it is maximised, the previous normal geometry marked maximised.
func closingState(prev windowState, maximised bool, x, y, w, h int) windowState {
	if maximised {
		prev.Maximised = true
		return prev
	}
	return windowState{X: x, Y: y, Width: w, Height: h, HasPosition: true}
}
