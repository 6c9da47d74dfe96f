// Package precompress makes the gzip and brotli forms of the web apps'
// static files. `make frontend` runs it over frontend/dist once per build
// (backend/cmd/precompress) so the server only picks the right bytes per
// request; the server falls back to gzip at start-up for any file that was
// built without it (backend/api/assets.go).
package precompress

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// MinSize is the smallest file worth compressing: below it the headers and
// framing eat the gain.
const MinSize = 1024

// Extensions of the compressed siblings written next to a file.
const (
	GzipExt   = ".gz"
	BrotliExt = ".br"
)

// compressible lists the text formats a Vite build emits. Images, fonts in
// woff2 and archives are already compressed.
var compressible = map[string]bool{
	".html": true, ".js": true, ".mjs": true, ".css": true, ".svg": true, ".json": true,
	".txt": true, ".map": true, ".xml": true, ".webmanifest": true, ".wasm": true, ".ico": true,
}

// Compressible reports whether a file of this name is worth compressing.
func Compressible(name string) bool {
	return compressible[strings.ToLower(path.Ext(name))]
}

// Worth reports whether a compressed form saves enough to be served: at
// least 5% of the original.
func Worth(original, compressed int) bool {
	return compressed < original-original/20
}

// Gzip compresses b at the best level (the work happens once per build).
func Gzip(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(b)                                       // a bytes.Buffer does not fail
	zw.Close()
	return out.Bytes()
}

// Brotli compresses b at quality 11, the densest (slow, so build time only).
func Brotli(b []byte) []byte {
	var out bytes.Buffer
	bw := brotli.NewWriterLevel(&out, brotli.BestCompression)
	_, _ = bw.Write(b) // a bytes.Buffer does not fail
	bw.Close()
	return out.Bytes()
}

// Stats counts what Dir did.
type Stats struct {
	Files, Compressed   int
	Bytes, Gzip, Brotli int64 // totals over the compressed files
}

// Dir writes name.gz and name.br next to every compressible file of dir
// that is at least MinSize bytes, when the result is worth it, and removes
// stale siblings otherwise.
func Dir(dir string) (Stats, error) {
	var st Stats
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if strings.HasSuffix(name, GzipExt) || strings.HasSuffix(name, BrotliExt) || !Compressible(name) {
			return nil
		}
		st.Files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		gz, br := []byte(nil), []byte(nil)
		if len(b) >= MinSize {
			gz, br = Gzip(b), Brotli(b)
		}
		wrote := false
		for _, v := range []struct {
			ext  string
			data []byte
			sum  *int64
		}{{GzipExt, gz, &st.Gzip}, {BrotliExt, br, &st.Brotli}} {
			if v.data == nil || !Worth(len(b), len(v.data)) {
				if err := os.Remove(p + v.ext); err != nil && !os.IsNotExist(err) {
					return err
				}
				continue
			}
			if err := writeFile(p+v.ext, v.data); err != nil {
				return err
			}
			*v.sum += int64(len(v.data))
			wrote = true
		}
		if wrote {
			st.Compressed++
			st.Bytes += int64(len(b))
		}
		return nil
	})
	return st, err
}

// writeFile replaces p atomically so a server reading dist never sees half a file.
func writeFile(p string, data []byte) error {
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil { //nolint:gosec // build output, read by everyone who builds
		return err
	}
	return os.Rename(tmp, p)
}
