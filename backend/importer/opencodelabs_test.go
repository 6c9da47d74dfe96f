package importer

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
)

func modelCodelab() model.Codelab {
	return model.Codelab{
		ID: "lab-1", Title: "Hello, World!", Description: "A test codelab", Author: "Tester",
		DurationMinutes: 15, Tags: []string{"a", "b"}, IsPublic: true, AccessCode: "1234",
		GuideMarkdown: "Install Go first.\n\n![setup](images/setup.png)", QuizEnabled: true, RequireFeedback: true,
		Language:  "ko", // in opencodelabs-desktop.json only: codelab.json stays as Open Codelabs writes it
		CreatedAt: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC),
		Steps: []model.Step{
			{Number: 1, Title: "Intro", DurationMinutes: 5, Markdown: "Welcome"},
			{Number: 2, Title: "설정 & Setup!", DurationMinutes: 10, Markdown: "# Inner heading\n\nDuration: not metadata\n\n> Positive: Tip one\n> continued\n\n```\n## code stays\n```\n\n![diagram](images/diagram.png)"},
			{Number: 3, Title: "", Markdown: ""},
		},
	}
}

func TestExportOpenCodelabsLayout(t *testing.T) {
	b := &Bundle{Codelab: modelCodelab(), Assets: []Asset{{"images/setup.png", []byte("S")}, {"diagram.png", []byte("D")}}}
	out, err := ExportOpenCodelabs(b)
	if err != nil {
		t.Fatalf("ExportOpenCodelabs: %v", err)
	}
	if out.Name != "codelab_lab_1.zip" || out.ContentType != "application/zip" {
		t.Errorf("file: got %q %q, want codelab_lab_1.zip application/zip", out.Name, out.ContentType)
	}
	files := zipNames(t, out.Data)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{"codelab.json", "images/diagram.png", "images/setup.png", "opencodelabs-desktop.json",
		"preparation_guide.md", "step_01_Intro.md", "step_02_설정_Setup.md", "step_03_step.md"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("entries: got %q, want %q", names, want)
	}
	if files["step_01_Intro.md"] != "Welcome" {
		t.Errorf("step 1: got %q, want the bare content", files["step_01_Intro.md"])
	}
	var cj map[string]any
	if err := json.Unmarshal([]byte(files["codelab.json"]), &cj); err != nil {
		t.Fatalf("codelab.json: %v", err)
	}
	wantJSON := map[string]any{
		"id": "lab-1", "title": "Hello, World!", "description": "A test codelab", "author": "Tester",
		"is_public": true, "quiz_enabled": true, "require_quiz": false, "require_feedback": true,
		"require_submission": false, "guide_markdown": "Install Go first.\n\n![setup](images/setup.png)",
		"created_at": "2024-05-06 07:08:09",
	}
	if !reflect.DeepEqual(cj, wantJSON) {
		t.Errorf("codelab.json: got %v, want %v", cj, wantJSON)
	}
}

func TestOpenCodelabsRoundTrip(t *testing.T) {
	b := &Bundle{
		Codelab: modelCodelab(),
		Assets:  []Asset{{"images/setup.png", []byte("S")}, {"images/diagram.png", []byte("D")}},
		Meta:    map[string]string{"status": "Draft"},
	}
	out, err := ExportOpenCodelabs(b)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	got, err := Import(out.Name, out.Data)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	sane(t, got)
	want := *b
	want.Codelab.StepCount = 3
	want.Codelab.Steps = append([]model.Step(nil), b.Codelab.Steps...)
	want.Codelab.Steps[2].Title = "Step 3" // an empty title comes back as "Step N"
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, &want)
	}
}

// rustExport is a ZIP as Open Codelabs itself writes it: no metadata file.
func rustExport(t *testing.T, codelabJSON string, steps ...entry) []byte {
	return makeZip(t, append([]entry{{name: "codelab.json", data: codelabJSON}}, steps...)...)
}

func TestImportOpenCodelabs(t *testing.T) {
	fullJSON := `{"id":"abc","title":"Rust Lab","description":"d","author":"kim","is_public":true,
		"quiz_enabled":false,"require_quiz":false,"require_feedback":true,"require_submission":false,
		"guide_markdown":null,"created_at":"2025-01-02 03:04:05"}`
	tests := []struct {
		name   string
		zip    []byte
		titles []string
		bodies []string
		guide  string
		check  func(t *testing.T, c model.Codelab)
	}{
		{
			name: "rust export, titles from file names, ordered by NN",
			zip: rustExport(t, fullJSON,
				entry{name: "step_10_Last_one.md", data: "ten"},
				entry{name: "step_02_Second_Step.md", data: "two"},
				entry{name: "step_01_Hello_World.md", data: "one"},
				entry{name: "preparation_guide.md", data: "Bring a laptop"},
				entry{name: "notes.txt", data: "ignored"}),
			titles: []string{"Hello World", "Second Step", "Last one"},
			bodies: []string{"one", "two", "ten"},
			guide:  "Bring a laptop",
			check: func(t *testing.T, c model.Codelab) {
				if !c.IsPublic || !c.RequireFeedback || c.QuizEnabled || c.ID != "abc" || c.Author != "kim" {
					t.Errorf("fields: got %+v", c)
				}
				if want := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC); !c.CreatedAt.Equal(want) {
					t.Errorf("created_at: got %v, want %v", c.CreatedAt, want)
				}
			},
		},
		{
			name: "0/1 booleans, folder inside the zip, heading names a title-less file",
			zip: makeZip(t,
				entry{name: "export/codelab.json", data: `{"id":"x","title":"Old","description":"","author":"","is_public":0,"quiz_enabled":1,"require_quiz":0,"require_feedback":0,"require_submission":1,"guide_markdown":"G"}`},
				entry{name: "export/step_01.md", data: "# From Heading\n\nbody"},
				entry{name: "export/step_02_.md", data: "no heading"}),
			titles: []string{"From Heading", "Step 2"},
			bodies: []string{"# From Heading\n\nbody", "no heading"},
			guide:  "G",
			check: func(t *testing.T, c model.Codelab) {
				if c.IsPublic || !c.QuizEnabled || !c.RequireSubmit || !c.CreatedAt.IsZero() {
					t.Errorf("fields: got %+v", c)
				}
			},
		},
		{
			name:   "CRLF and BOM in step files",
			zip:    rustExport(t, fullJSON, entry{name: "step_01_A.md", data: "\xEF\xBB\xBFline1\r\nline2\r\n"}),
			titles: []string{"A"},
			bodies: []string{"line1\nline2\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f, err := Detect("x.zip", tt.zip); err != nil || f != FormatOpenCodelabs {
				t.Fatalf("Detect: got %q %v, want opencodelabs", f, err)
			}
			b, err := Import("x.zip", tt.zip)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			sane(t, b)
			var titles, bodies []string
			for _, s := range b.Codelab.Steps {
				titles = append(titles, s.Title)
				bodies = append(bodies, s.Markdown)
			}
			if !reflect.DeepEqual(titles, tt.titles) || !reflect.DeepEqual(bodies, tt.bodies) {
				t.Errorf("steps: got %q %q, want %q %q", titles, bodies, tt.titles, tt.bodies)
			}
			if b.Codelab.GuideMarkdown != tt.guide {
				t.Errorf("guide: got %q, want %q", b.Codelab.GuideMarkdown, tt.guide)
			}
			if tt.check != nil {
				tt.check(t, b.Codelab)
			}
		})
	}
}

func TestSafeFileTitle(t *testing.T) {
	tests := map[string]string{
		"Hello World": "Hello_World", "test-file_123": "test_file_123", "!!!": "step", "   ": "step",
		"My Codelab!": "My_Codelab", "../../etc/passwd": "etc_passwd", "설정 & Setup": "설정_Setup",
		strings.Repeat("a", 100): strings.Repeat("a", 60),
	}
	for in, want := range tests {
		if got := SafeFileTitle(in); got != want {
			t.Errorf("SafeFileTitle(%q): got %q, want %q", in, got, want)
		}
	}
}
