package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// entry is one file of an archive: its name inside and where it comes from.
type entry struct{ name, path string }

// archiveCmd writes NAME=PATH entries, in the order given, with fixed
// owner, permissions (executable bit kept) and SOURCE_DATE_EPOCH times.
func archiveCmd(args []string, mtime time.Time, write func(io.Writer, []entry, time.Time) error) error {
	fs := flag.NewFlagSet("archive", flag.ContinueOnError)
	out := fs.String("out", "", "archive to write")
	if err := parse(fs, args, "out"); err != nil {
		return err
	}
	var entries []entry
	for _, a := range fs.Args() {
		name, path, ok := strings.Cut(a, "=")
		if !ok || name == "" || path == "" {
			return fmt.Errorf("archive entry %q: want NAME=PATH", a)
		}
		entries = append(entries, entry{name, path})
	}
	if len(entries) == 0 {
		return fmt.Errorf("archive: no entries")
	}
	return writeWith(*out, func(f *os.File) error { return write(f, entries, mtime) })
}

func modeOf(path string) (int64, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, 0, err
	}
	if st.Mode()&0o111 != 0 {
		return 0o755, st.Size(), nil
	}
	return 0o644, st.Size(), nil
}

func writeTarGz(w io.Writer, entries []entry, mtime time.Time) error {
	gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	gz.ModTime = mtime
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		mode, size, err := modeOf(e.path)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: e.name, Mode: mode, Size: size, ModTime: mtime,
			Uname: "root", Gname: "root", Format: tar.FormatPAX, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if err := copyFile(tw, e.path); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, entries []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		mode, _, err := modeOf(e.path)
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
		hdr.SetMode(os.FileMode(mode))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if err := copyFile(fw, e.path); err != nil {
			return err
		}
	}
	return zw.Close()
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
