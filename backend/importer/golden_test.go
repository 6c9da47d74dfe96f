package importer

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// update rewrites testdata/*.golden.txt from current output:
// go test ./backend/importer -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.txt")

// dumpBundle prints what an import produced, for golden files.
func dumpBundle(b *Bundle) string {
	var w strings.Builder
	c := b.Codelab
	fmt.Fprintf(&w, "title: %s\nid: %s\ndescription: %s\nauthor: %s\ntags: %s\nminutes: %d\n", c.Title, c.ID, c.Description, c.Author, strings.Join(c.Tags, "|"), c.DurationMinutes)
	keys := make([]string, 0, len(b.Meta))
	for k := range b.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&w, "meta %s: %s\n", k, b.Meta[k])
	}
	for _, a := range b.Assets {
		fmt.Fprintf(&w, "asset: %s (%d bytes)\n", a.Path, len(a.Data))
	}
	for _, m := range b.Warnings {
		fmt.Fprintf(&w, "warning: %s\n", m.Message)
	}
	for _, s := range c.Steps {
		fmt.Fprintf(&w, "\n=== step %d: %s (%d min)", s.Number, s.Title, s.DurationMinutes)
		if len(s.Environments) > 0 {
			fmt.Fprintf(&w, " env=%s", strings.Join(s.Environments, ","))
		}
		if s.Hidden {
			w.WriteString(" HIDDEN")
		}
		fmt.Fprintf(&w, "\n%s\n", s.Markdown)
		for _, p := range b.Polls {
			if p.Step == s.Number {
				fmt.Fprintf(&w, "--- poll: %s %q\n", p.Question, p.Options)
			}
		}
	}
	return w.String()
}

// zipDir packs a testdata folder as a ZIP.
func zipDir(t *testing.T, dir string) []byte {
	t.Helper()
	var entries []entry
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		entries = append(entries, entry{name: filepath.ToSlash(rel), data: string(data)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return makeZip(t, entries...)
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden.txt")
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s\ngot:\n%s\nwant:\n%s", p, got, want)
	}
}

// TestGoldenClaatFull imports a ZIP using every claat construct we keep
// (fragments, buttons, video, embeds, console, surveys, FAQ, header
// fields) and compares the result with a golden dump.
func TestGoldenClaatFull(t *testing.T) {
	b, err := Import("claat_full.zip", zipDir(t, filepath.Join("testdata", "claat_full")))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	sane(t, b)
	checkGolden(t, "claat_full", dumpBundle(b))
}

// TestClaatFullRoundTrip: import → export → import gives the same steps,
// durations, boxes, buttons, polls and (inlined) fragments.
func TestClaatFullRoundTrip(t *testing.T) {
	first, err := Import("claat_full.zip", zipDir(t, filepath.Join("testdata", "claat_full")))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	out, err := ExportClaat(first)
	if err != nil {
		t.Fatalf("ExportClaat: %v", err)
	}
	for _, want := range []string{
		"<button>[Download SDK](https://example.com/sdk.zip)</button>", `<video id="KUZ8Dyy-Z0M"></video>`,
		"![https://codepen.io/tzoght/embed/yRNZaP](https://codepen.io/tzoght/embed/yRNZaP)",
		"<name>How will you use this codelab?</name>", `<input type="radio" value="Novice">`,
		"feedback link: https://github.com/example/claat-full/issues", "status: Published", "```console",
		"Positive\n: Fragments are inlined", `<aside class="negative">`,
	} {
		if !strings.Contains(string(zipNames(t, out.Data)["claat_full.md"]), want) {
			t.Errorf("export lacks %q:\n%s", want, zipNames(t, out.Data)["claat_full.md"])
		}
	}
	again, err := Import(out.Name, out.Data)
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	a, b := dumpBundle(first), dumpBundle(again)
	// The fragment was inlined by the first import, so only its warning differs.
	a = dropLines(a, "warning: Fragment")
	b = dropLines(b, "warning: Fragment")
	if a != b {
		t.Errorf("round trip changed the codelab:\nfirst:\n%s\nsecond:\n%s", a, b)
	}
}

func dropLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
