package api

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
)

// BenchmarkLoadAssets is the start-up cost of the static index over the
// real build (run `make frontend` first; skipped without it): with the
// .gz/.br siblings of `make frontend`, and without them (gzip at start).
//
//	go test -run '^$' -bench LoadAssets -benchmem ./backend/api/
func BenchmarkLoadAssets(b *testing.B) {
	dist := os.DirFS("../../frontend/dist")
	if _, err := os.Stat("../../frontend/dist/index.html"); err != nil {
		b.Skip("frontend/dist is not built")
	}
	bare := fstest.MapFS{}
	if idx, err := loadAssets(dist); err == nil {
		for p, a := range idx {
			bare[p] = &fstest.MapFile{Data: a.body}
		}
	}
	for _, bc := range []struct {
		name string
		fsys fs.FS
	}{{"precompressed", dist}, {"gzip-at-start", bare}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := loadAssets(bc.fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
