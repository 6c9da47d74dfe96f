package main

import (
	"archive/zip"
	"bytes"
	"debug/pe"
	"encoding/binary"
	"os"
	"testing"
	"unicode/utf16"
)

// These tests inspect the Windows files `make dist` built; build/scripts/
// dist-test.sh runs them with the paths in the environment. They use only
// Go's debug/pe, not the library that wrote the resources.

const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func openPE(t *testing.T, env string) (*pe.File, []byte) {
	t.Helper()
	path := os.Getenv(env)
	if path == "" {
		t.Skipf("%s not set (run by build/scripts/dist-test.sh)", env)
	}
	f, err := pe.Open(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	var rsrc []byte
	if s := f.Section(".rsrc"); s != nil {
		rsrc, err = s.Data()
		if err != nil {
			t.Fatal(err)
		}
	}
	return f, rsrc
}

func subsystem(t *testing.T, f *pe.File) uint16 {
	t.Helper()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("not a 64-bit PE (%T)", f.OptionalHeader)
	}
	return oh.Subsystem
}

// resourceTypes lists the type IDs in the root of a resource directory.
func resourceTypes(t *testing.T, rsrc []byte) map[uint32]bool {
	t.Helper()
	if len(rsrc) < 16 {
		t.Fatal("no resource directory")
	}
	named := int(binary.LittleEndian.Uint16(rsrc[12:]))
	ids := int(binary.LittleEndian.Uint16(rsrc[14:]))
	types := map[uint32]bool{}
	for i := named; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(rsrc) {
			t.Fatal("truncated resource directory")
		}
		types[binary.LittleEndian.Uint32(rsrc[off:])] = true
	}
	return types
}

func utf16le(s string) []byte {
	var b bytes.Buffer
	for _, r := range utf16.Encode([]rune(s)) {
		binary.Write(&b, binary.LittleEndian, r)
	}
	return b.Bytes()
}

func TestWindowsDesktopExe(t *testing.T) {
	f, rsrc := openPE(t, "OCL_WINDOWS_EXE")
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want amd64", f.Machine)
	}
	if got := subsystem(t, f); got != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want %d (GUI: no console window behind the app)", got, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	types := resourceTypes(t, rsrc)
	for id, what := range map[uint32]string{rtIcon: "icon", rtGroupIcon: "icon group", rtVersion: "version", rtManifest: "manifest"} {
		if !types[id] {
			t.Errorf("no %s resource (type %d); got types %v", what, id, types)
		}
	}
	if v := os.Getenv("OCL_VERSION"); v != "" && !bytes.Contains(rsrc, utf16le(v)) {
		t.Errorf("version resource does not contain %q", v)
	}
	if !bytes.Contains(rsrc, utf16le("Open Codelabs")) {
		t.Error(`version resource has no product name "Open Codelabs"`)
	}
	if !bytes.Contains(rsrc, []byte("Microsoft.Windows.Common-Controls")) {
		t.Error("manifest does not ask for common controls v6")
	}
}

func TestWindowsServerExe(t *testing.T) {
	f, _ := openPE(t, "OCL_WINDOWS_SERVER_EXE")
	if got := subsystem(t, f); got != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		t.Errorf("subsystem %d, want console (%d): the server prints its URLs", got, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
	}
}

func TestWindowsInstaller(t *testing.T) {
	f, _ := openPE(t, "OCL_WINDOWS_SETUP")
	if got := f.FileHeader.Characteristics & pe.IMAGE_FILE_EXECUTABLE_IMAGE; got == 0 {
		t.Error("installer is not an executable image")
	}
}

func TestWindowsZip(t *testing.T) {
	path := os.Getenv("OCL_WINDOWS_ZIP")
	if path == "" {
		t.Skip("OCL_WINDOWS_ZIP not set (run by build/scripts/dist-test.sh)")
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "Open Codelabs/opencodelabs.exe" {
			return
		}
	}
	t.Errorf("%s has no Open Codelabs/opencodelabs.exe", path)
}
