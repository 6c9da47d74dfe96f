package importer

import (
	"reflect"
	"strings"
	"testing"
)

type wantStep struct {
	title    string
	minutes  int
	has      []string
	hasNot   []string
	markdown string // exact body when non-empty
}

func TestImportClaatFixtures(t *testing.T) {
	tests := []struct {
		file        string
		title, id   string
		description string
		author      string
		tags        []string
		minutes     int
		meta        map[string]string
		steps       []wantStep
	}{
		{
			file: "claat_basic.md", title: "Build a Go Web Server", id: "go-web-server",
			description: "Build a tiny web server in Go", author: "Ada Lovelace",
			tags: []string{"go", "http"}, minutes: 13,
			meta: map[string]string{"categories": "Go, Web", "environments": "Web", "status": "Published",
				"feedback link": "https://github.com/example/codelabs/issues"},
			steps: []wantStep{
				{title: "Overview", minutes: 2,
					markdown: "You will build a server.\n\n![Architecture](img/arch.png)\n\nPositive\n: Keep the terminal open."},
				{title: "Write the handler", minutes: 11,
					has:    []string{"// ## not a step", "// Duration: 9:00", "> Negative: Do not run this as root.\n>\n> Really.", "### A sub-heading stays", "Negative\n: Port 80 needs privileges."},
					hasNot: []string{"<aside", "Duration: 0:10:30"}},
				{title: "Wrap up", minutes: 0, markdown: "Done. No duration here."},
			},
		},
		{
			file: "claat_frontmatter.md", title: "Front Matter Lab", id: "front-matter-lab",
			description: "Front matter style header", author: "Grace Hopper",
			tags: []string{"Compilers"}, minutes: 45,
			meta: map[string]string{"categories": "Compilers", "analytics account": "UA-0000"},
			steps: []wantStep{{title: "Only step", minutes: 5,
				has: []string{"> Positive: One-line tip.", "![x](./pics/a%20b.png \"title\")", "`![code](not/an/image.png)`"}}},
		},
		{
			file: "claat_crlf_bom.md", title: "CRLF Lab", id: "crlf-lab",
			description: "Windows line endings", author: "Win User", minutes: 62,
			meta: map[string]string{},
			steps: []wantStep{
				{title: "First", minutes: 2, markdown: "Line one\nLine two"},
				{title: "Second", minutes: 60, markdown: "> Positive: Already in our form"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := Import(tt.file, readFixture(t, tt.file))
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			sane(t, b)
			c := b.Codelab
			for _, f := range []struct{ name, got, want string }{
				{"title", c.Title, tt.title}, {"id", c.ID, tt.id},
				{"description", c.Description, tt.description}, {"author", c.Author, tt.author},
			} {
				if f.got != f.want {
					t.Errorf("%s: got %q, want %q", f.name, f.got, f.want)
				}
			}
			if !reflect.DeepEqual(c.Tags, tt.tags) {
				t.Errorf("tags: got %q, want %q", c.Tags, tt.tags)
			}
			if c.DurationMinutes != tt.minutes {
				t.Errorf("duration: got %d, want %d", c.DurationMinutes, tt.minutes)
			}
			if !reflect.DeepEqual(b.Meta, tt.meta) {
				t.Errorf("meta: got %q, want %q", b.Meta, tt.meta)
			}
			if len(c.Steps) != len(tt.steps) || c.StepCount != len(tt.steps) {
				t.Fatalf("steps: got %d (StepCount %d), want %d", len(c.Steps), c.StepCount, len(tt.steps))
			}
			for i, ws := range tt.steps {
				s := c.Steps[i]
				if s.Title != ws.title || s.DurationMinutes != ws.minutes {
					t.Errorf("step %d: got %q %d min, want %q %d min", i+1, s.Title, s.DurationMinutes, ws.title, ws.minutes)
				}
				if ws.markdown != "" && s.Markdown != ws.markdown {
					t.Errorf("step %d markdown: got %q, want %q", i+1, s.Markdown, ws.markdown)
				}
				for _, h := range ws.has {
					if !strings.Contains(s.Markdown, h) {
						t.Errorf("step %d markdown: got %q, want it to contain %q", i+1, s.Markdown, h)
					}
				}
				for _, h := range ws.hasNot {
					if strings.Contains(s.Markdown, h) {
						t.Errorf("step %d markdown: got %q, want no %q", i+1, s.Markdown, h)
					}
				}
				if strings.Contains(s.Markdown, "\r") {
					t.Errorf("step %d markdown keeps a \\r", i+1)
				}
			}
		})
	}
}

// roundTripClaat imports, exports to claat and imports again; the two
// imports must describe the same codelab.
func TestClaatRoundTrip(t *testing.T) {
	for _, file := range []string{"claat_basic.md", "claat_frontmatter.md", "claat_crlf_bom.md"} {
		t.Run(file, func(t *testing.T) {
			first, err := Import(file, readFixture(t, file))
			if err != nil {
				t.Fatalf("first import: %v", err)
			}
			out, err := ExportClaat(first)
			if err != nil {
				t.Fatalf("export: %v", err)
			}
			if !strings.HasSuffix(out.Name, ".md") || out.ContentType != "text/markdown; charset=utf-8" {
				t.Errorf("export file: got %q %q, want a .md markdown file", out.Name, out.ContentType)
			}
			second, err := Import(out.Name, out.Data)
			if err != nil {
				t.Fatalf("second import: %v\n%s", err, out.Data)
			}
			if !reflect.DeepEqual(first, second) {
				t.Errorf("round trip changed the codelab:\nfirst  %+v\nsecond %+v\nexported:\n%s", first, second, out.Data)
			}
		})
	}
}

func TestExportClaatShape(t *testing.T) {
	b := &Bundle{Codelab: modelCodelab(), Meta: map[string]string{"status": "Draft", "custom key": "x"}}
	out, err := ExportClaat(b)
	if err != nil {
		t.Fatalf("ExportClaat: %v", err)
	}
	got := string(out.Data)
	for _, want := range []string{
		"summary: A test codelab\nid: lab-1\nstatus: Draft\nauthors: Tester\ntags: a, b\nduration: 15\ncustom key: x\n\n# Hello, World!\n",
		"\n## Intro\nDuration: 5:00\n\nWelcome\n",
		"### Inner heading",
		"Duration\\: not metadata",
		"<aside class=\"positive\">\nTip one\ncontinued\n</aside>",
		"```\n## code stays\n```",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("export: got\n%s\nwant it to contain %q", got, want)
		}
	}
	if out.Name != "lab_1.md" {
		t.Errorf("name: got %q, want lab_1.md", out.Name)
	}
}

func TestClaatZipWithImages(t *testing.T) {
	md := "id: zl\n\n# Zip Lab\n\n## One\n![a](img/a.png) ![b](./img/../img/b.png)\n<img src=\"img/c.png\" alt=\"c\">\n" +
		"![remote](https://example.com/x.png) ![outside](../secret.png) ![missing](img/none.png) ![text](notes.txt)\n"
	data := makeZip(t,
		entry{name: "lab/codelab.md", data: md},
		entry{name: "lab/README.md", data: "# readme"},
		entry{name: "lab/img/a.png", data: "PNG-A"},
		entry{name: "lab/img/b.png", data: "PNG-B"},
		entry{name: "lab/img/c.png", data: "PNG-C"},
		entry{name: "lab/img/unused.png", data: "PNG-U"},
		entry{name: "lab/notes.txt", data: "notes"},
		entry{name: "secret.png", data: "SECRET"},
		entry{name: "__MACOSX/lab/._codelab.md", data: "\x00\x05"},
	)
	if f, err := Detect("lab.zip", data); err != nil || f != FormatClaatZip {
		t.Fatalf("Detect: got %q %v, want %q", f, err, FormatClaatZip)
	}
	b, err := Import("lab.zip", data)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	sane(t, b)
	wantMD := "![a](img/a.png) ![b](img/b.png)\n<img src=\"img/c.png\" alt=\"c\">\n" +
		"![remote](https://example.com/x.png) ![outside](../secret.png) ![missing](img/none.png) ![text](notes.txt)"
	if got := b.Codelab.Steps[0].Markdown; got != wantMD {
		t.Errorf("markdown: got %q, want %q", got, wantMD)
	}
	want := []Asset{{"img/a.png", []byte("PNG-A")}, {"img/b.png", []byte("PNG-B")}, {"img/c.png", []byte("PNG-C")}}
	if !reflect.DeepEqual(b.Assets, want) {
		t.Errorf("assets: got %+v, want %+v", b.Assets, want)
	}

	out, err := ExportClaat(b)
	if err != nil {
		t.Fatalf("ExportClaat: %v", err)
	}
	if out.Name != "zl.zip" || out.ContentType != "application/zip" {
		t.Errorf("export file: got %q %q, want zl.zip application/zip", out.Name, out.ContentType)
	}
	again, err := Import(out.Name, out.Data)
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	if !reflect.DeepEqual(b, again) {
		t.Errorf("round trip changed the bundle:\nfirst  %+v\nsecond %+v", b, again)
	}
}

func TestParseClaatDuration(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"5", 5, true}, {"2:00", 2, true}, {"2:01", 3, true}, {"0:00:30", 1, true},
		{"1:30:00", 90, true}, {"0:00", 0, true}, {"a:b", 0, false}, {"1:2:3:4", 0, false},
		{"-1:00", 0, false}, {"9999999:00", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseClaatDuration(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseClaatDuration(%q): got %d %v, want %d %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
