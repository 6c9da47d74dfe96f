package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites golden files (and the chroma CSS) from current output:
// go test ./backend/markdown -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.html and the chroma CSS files")

// TestGolden renders every testdata/*.md and compares it with the
// neighbouring .golden.html.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.md inputs found")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Render(string(src))
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			goldenPath := strings.TrimSuffix(in, ".md") + ".golden.html"
			if *update {
				if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			// chroma gives each lexer regex a 250 ms match timeout and treats
			// a timeout as no match, so a CPU-starved machine can mis-colour a
			// token. Re-render on a fresh Renderer (the cache would repeat the
			// result) before calling a mismatch real.
			for attempt := 1; attempt < 3 && got != string(want); attempt++ {
				if got, err = New().Render(string(src)); err != nil {
					t.Fatalf("Render: %v", err)
				}
			}
			if got != string(want) {
				t.Errorf("output differs from %s\ngot:\n%s\nwant:\n%s", goldenPath, got, want)
			}
		})
	}
}
