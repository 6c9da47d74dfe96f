// Command pack makes the release files `make dist` needs that a plain
// `go build` does not: the Debian package (nfpm as a library), the Windows
// resources (icon, version information, manifest, via winres) and
// reproducible .tar.gz/.zip archives. Every timestamp it writes is
// SOURCE_DATE_EPOCH, so two runs over the same binaries give the same bytes.
//
// It is its own Go module so the app's go.mod does not carry the packagers.
//
//	pack deb    -version V -arch amd64 -bin FILE -icon PNG -desktop FILE -out FILE.deb
//	pack winres -version V -commit C -icon PNG -arch amd64 -syso FILE -ico FILE
//	pack tgz    -out FILE.tar.gz NAME=PATH...
//	pack zip    -out FILE.zip NAME=PATH...
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pack deb|winres|tgz|zip [flags]")
		os.Exit(2)
	}
	mtime, err := sourceDate()
	if err == nil {
		cmd, args := os.Args[1], os.Args[2:]
		switch cmd {
		case "deb":
			err = debCmd(args, mtime)
		case "winres":
			err = winresCmd(args)
		case "tgz":
			err = archiveCmd(args, mtime, writeTarGz)
		case "zip":
			err = archiveCmd(args, mtime, writeZip)
		default:
			err = fmt.Errorf("unknown command %q", cmd)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

// sourceDate is the one timestamp of a release (reproducible-builds.org).
func sourceDate() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH is not set (make dist sets it from the last commit)")
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: %w", v, err)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func parse(fs *flag.FlagSet, args []string, required ...string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, name := range required {
		if fs.Lookup(name).Value.String() == "" {
			return fmt.Errorf("%s: -%s is required", fs.Name(), name)
		}
	}
	return nil
}
