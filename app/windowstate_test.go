package app

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWindowStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if got := loadWindowState(dir); got != defaultWindow {
		t.Fatalf("no file: got %+v, want the defaults", got)
	}
	s := windowState{X: -40, Y: 30, Width: 1000, Height: 700, HasPosition: true}
	if err := saveWindowState(dir, s); err != nil {
		t.Fatal(err)
	}
	if got := loadWindowState(dir); got != s {
		t.Fatalf("got %+v, want %+v", got, s)
	}
	if _, err := os.Stat(filepath.Join(dir, windowStateFile+".tmp")); !os.IsNotExist(err) {
		t.Errorf("leftover temp file: %v", err)
	}
}

func TestWindowStateRejectsBadFiles(t *testing.T) {
	for name, content := range map[string]string{
		"not json":   "{",
		"too small":  `{"width":10,"height":10}`,
		"huge":       `{"width":99999,"height":900}`,
		"far away":   `{"x":999999,"y":0,"width":1000,"height":700,"has_position":true}`,
		"wrong type": `{"width":"wide"}`,
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, windowStateFile), []byte(content), 0o600)
		if got := loadWindowState(dir); got != defaultWindow {
			t.Errorf("%s: got %+v, want the defaults", name, got)
		}
	}
}

func TestWindowStateDoesNotSaveNonsense(t *testing.T) {
	dir := t.TempDir()
	good := windowState{Width: 900, Height: 600, HasPosition: true}
	saveWindowState(dir, good)
	// A minimised window reports 0×0 on some systems.
	if err := saveWindowState(dir, windowState{}); err == nil {
		t.Error("saved a 0×0 window")
	}
	if got := loadWindowState(dir); got != good {
		t.Errorf("got %+v, want the previous state %+v kept", got, good)
	}
}

func TestClosingStateKeepsNormalGeometryWhenMaximised(t *testing.T) {
	prev := windowState{X: 10, Y: 20, Width: 900, Height: 600, HasPosition: true}
	got := closingState(prev, true, 0, 0, 1920, 1080)
	if want := (windowState{X: 10, Y: 20, Width: 900, Height: 600, HasPosition: true, Maximised: true}); got != want {
		t.Errorf("maximised: got %+v, want %+v", got, want)
	}
	got = closingState(got, false, 5, 6, 1100, 750)
	if want := (windowState{X: 5, Y: 6, Width: 1100, Height: 750, HasPosition: true}); got != want {
		t.Errorf("normal: got %+v, want %+v", got, want)
	}
}
