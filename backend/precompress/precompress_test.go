package precompress_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/opencodelabs/desktop/backend/precompress"
)

func TestDirWritesSiblingsThatDecodeToTheFile(t *testing.T) {
	dir := t.TempDir()
	js := []byte(strings.Repeat("console.log('step');\n", 200))
	files := map[string][]byte{
		"assets/app.js":   js,
		"assets/tiny.css": []byte("a{b:c}"),
		"assets/logo.png": bytes.Repeat([]byte{1, 2, 3}, 1000),
		"index.html":      []byte("<!doctype html>" + strings.Repeat("<p>x</p>", 200)),
	}
	for name, b := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A stale sibling of a file that is now too small is removed.
	os.WriteFile(filepath.Join(dir, "assets/tiny.css.gz"), []byte("stale"), 0o644)

	st, err := precompress.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 3 || st.Compressed != 2 {
		t.Errorf("stats %+v, want 3 compressible files of which 2 compressed", st)
	}
	for _, name := range []string{"assets/app.js", "index.html"} {
		gz, err := os.ReadFile(filepath.Join(dir, name+".gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		br, err := os.ReadFile(filepath.Join(dir, name+".br"))
		if err != nil {
			t.Fatal(err)
		}
		plainBr, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		if !bytes.Equal(plain, files[name]) || !bytes.Equal(plainBr, files[name]) {
			t.Errorf("%s: gzip or brotli sibling does not decode to the file", name)
		}
	}
	for _, name := range []string{"assets/tiny.css.gz", "assets/tiny.css.br", "assets/logo.png.gz", "assets/logo.png.br"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s exists, want none", name)
		}
	}
	// Running again (a second build) changes nothing.
	again, err := precompress.Dir(dir)
	if err != nil || again != st {
		t.Errorf("second run: %+v %v, want %+v", again, err, st)
	}
}
