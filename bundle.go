package main

import (
	"embed"

	"github.com/opencodelabs/desktop/app"
)

// What the app carries besides the web UI (main.go embeds frontend/dist):
// the window icon and the documentation the Help menu serves offline.

//go:embed README.md docs/*.md docs/*.png
var helpDocs embed.FS

//go:embed build/appicon.png
var appIcon []byte

func init() {
	app.HelpDocs = helpDocs
	app.Icon = appIcon
}
