package main

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/opencodelabs/desktop/app"
)

// The Help menu serves these offline, and the Linux window shows the icon.
func TestBundledDocsAndIcon(t *testing.T) {
	for _, name := range []string{"README.md", "docs/packaging.md", "docs/api.md", "docs/screenshot-window.png"} {
		if _, err := fs.Stat(app.HelpDocs, name); err != nil {
			t.Errorf("help docs lack %s: %v", name, err)
		}
	}
	if !bytes.HasPrefix(app.Icon, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("app.Icon is not a PNG (%d bytes)", len(app.Icon))
	}
}
