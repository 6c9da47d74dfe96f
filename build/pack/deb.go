package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/goreleaser/nfpm/v2"
	"github.com/goreleaser/nfpm/v2/deb"
	"github.com/goreleaser/nfpm/v2/files"
)

// debDepends are the runtime libraries of the desktop build (Debian 12,
// Ubuntu 22.04 and later), never the -dev packages used to build it.
var debDepends = []string{"libc6", "libgtk-3-0", "libwebkit2gtk-4.1-0"}

func debCmd(args []string, mtime time.Time) error {
	fs := flag.NewFlagSet("deb", flag.ContinueOnError)
	version := fs.String("version", "", "package version (x.y.z)")
	arch := fs.String("arch", "amd64", "Debian architecture")
	bin := fs.String("bin", "", "the desktop binary")
	icon := fs.String("icon", "", "512×512 PNG app icon")
	desktop := fs.String("desktop", "", "the .desktop entry")
	out := fs.String("out", "", "the .deb to write")
	if err := parse(fs, args, "version", "bin", "icon", "desktop", "out"); err != nil {
		return err
	}
	file := func(src, dst string, mode os.FileMode) *files.Content {
		return &files.Content{Source: src, Destination: dst,
			FileInfo: &files.ContentFileInfo{Mode: mode, MTime: mtime, Owner: "root", Group: "root"}}
	}
	info := nfpm.WithDefaults(&nfpm.Info{
		Name:        "opencodelabs",
		Arch:        *arch,
		Platform:    "linux",
		Version:     *version,
		Section:     "education",
		Priority:    "optional",
		Maintainer:  "Open Codelabs Desktop developers <opencodelabs@users.noreply.github.com>",
		Description: "Run hands-on codelab workshops from one laptop, offline\nThe facilitator's desktop app and the server attendees' browsers join on the local network.",
		Homepage:    "https://github.com/opencodelabs/desktop",
		License:     "Apache-2.0",
		MTime:       mtime,
		Overridables: nfpm.Overridables{
			Depends: debDepends,
			Contents: files.Contents{
				file(*bin, "/usr/bin/opencodelabs", 0o755),
				file(*desktop, "/usr/share/applications/opencodelabs.desktop", 0o644),
				file(*icon, "/usr/share/icons/hicolor/512x512/apps/opencodelabs.png", 0o644),
			},
		},
	})
	if err := nfpm.PrepareForPackager(info, "deb"); err != nil {
		return fmt.Errorf("deb: %w", err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := deb.Default.Package(info, f); err != nil {
		f.Close()
		os.Remove(*out)
		return fmt.Errorf("deb: %w", err)
	}
	return f.Close()
}
