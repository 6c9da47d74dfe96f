// Command opencodelabs runs an Open Codelabs workshop from one laptop: the
// server for attendees' browsers and, in the desktop build, the
// facilitator's window.
package main

import (
	"embed"
	"io/fs"
	"os"

	"github.com/opencodelabs/desktop/app"
	"github.com/opencodelabs/desktop/backend/verifycmd"
)

//go:embed all:frontend/dist
var dist embed.FS

func main() {
	if len(os.Args) > 1 && os.Args[1] == "verify" { // offline certificate check, no server
		os.Exit(verifycmd.Run(os.Args[2:], os.Getenv, os.Stdout, os.Stderr))
	}
	assets, err := fs.Sub(dist, "frontend/dist")
	if err != nil {
		panic(err)
	}
	os.Exit(app.Run(os.Args[1:], assets, os.Stdout, os.Stderr))
}
