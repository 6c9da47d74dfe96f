package main

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"strings"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// winresCmd writes the .syso the Go linker embeds in the Windows .exe: the
// app icon under resource ID 3 (the one Wails loads for the window and
// task bar), the version information and the manifest (common controls
// v6, per-monitor DPI awareness, as Wails' own template). It also writes the
// icon as an .ico for the installer.
func winresCmd(args []string) error {
	fs := flag.NewFlagSet("winres", flag.ContinueOnError)
	ver := fs.String("version", "", "version (x.y.z[-suffix])")
	commit := fs.String("commit", "", "source commit")
	iconPath := fs.String("icon", "", "PNG app icon")
	arch := fs.String("arch", "amd64", "amd64 or arm64")
	syso := fs.String("syso", "", "the .syso to write")
	ico := fs.String("ico", "", "the .ico to write (optional)")
	desc := fs.String("description", "Open Codelabs", "file description")
	if err := parse(fs, args, "version", "commit", "icon", "syso"); err != nil {
		return err
	}
	f, err := os.Open(*iconPath)
	if err != nil {
		return err
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("icon: %w", err)
	}
	icon, err := winres.NewIconFromResizedImage(img, []int{256, 64, 48, 32, 24, 16})
	if err != nil {
		return err
	}
	var rs winres.ResourceSet
	if err := rs.SetIcon(winres.ID(3), icon); err != nil {
		return err
	}
	var vi version.Info
	numeric := strings.SplitN(strings.SplitN(*ver, "-", 2)[0], "+", 2)[0]
	vi.SetFileVersion(numeric)
	vi.SetProductVersion(numeric)
	for k, v := range map[string]string{
		version.ProductName:      "Open Codelabs",
		version.FileDescription:  *desc,
		version.CompanyName:      "Open Codelabs Desktop developers",
		version.ProductVersion:   *ver + " (" + *commit + ")",
		version.FileVersion:      *ver,
		version.OriginalFilename: "opencodelabs.exe",
		version.LegalCopyright:   "Open Codelabs Desktop developers, Apache-2.0",
	} {
		if err := vi.Set(0x0409, k, v); err != nil {
			return err
		}
	}
	rs.SetVersionInfo(vi)
	rs.SetManifest(winres.AppManifest{
		DPIAwareness:        winres.DPIPerMonitorV2,
		UseCommonControlsV6: true,
		Compatibility:       winres.Win10AndAbove,
	})
	a := map[string]winres.Arch{"amd64": winres.ArchAMD64, "arm64": winres.ArchARM64}[*arch]
	if a == "" {
		return fmt.Errorf("winres: unsupported arch %q", *arch)
	}
	if err := writeWith(*syso, func(w *os.File) error { return rs.WriteObject(w, a) }); err != nil {
		return err
	}
	if *ico != "" {
		return writeWith(*ico, func(w *os.File) error { return icon.SaveICO(w) })
	}
	return nil
}

func writeWith(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}
