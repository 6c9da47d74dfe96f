package importer

import (
	"errors"
	"strings"
	"testing"
)

func TestFragmentRefusals(t *testing.T) {
	main := func(include string) entry {
		return entry{name: "lab/codelab.md", data: "id: f\n\n# F\n\n## One\n" + include + "\n"}
	}
	for _, tc := range []struct {
		name    string
		entries []entry
		code    string
	}{
		{"outside the zip", []entry{main("<<../../x.md>>"), {name: "other/x.md", data: "x"}}, CodeBadFragment},
		{"absolute", []entry{main("<</etc/passwd.md>>")}, CodeBadFragment},
		{"nested", []entry{main("<<a.md>>"), {name: "lab/a.md", data: "<<b.md>>"}, {name: "lab/b.md", data: "b"}}, CodeBadFragment},
		{"cycle", []entry{main("<<a.md>>"), {name: "lab/a.md", data: "<<a.md>>"}}, CodeBadFragment},
		{"defines steps", []entry{main("<<a.md>>"), {name: "lab/a.md", data: "## Sneaky step\ntext"}}, CodeBadFragment},
	} {
		b, err := Import("lab.zip", makeZip(t, tc.entries...))
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code || b != nil {
			t.Errorf("%s: got %v, %v; want code %s and no bundle", tc.name, b, err, tc.code)
		}
	}
}

func TestFragmentInBareMarkdownIsAWarning(t *testing.T) {
	b, err := Import("lab.md", []byte("id: f\n\n# F\n\n## One\n<<setup.md>>\n\n```\n<<in-code.md>>\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Message, "setup.md") ||
		b.Warnings[0].Code != "fragment_needs_zip" || b.Warnings[0].Params["fragment"] != "setup.md" {
		t.Errorf("got warnings %+v, want one fragment_needs_zip naming setup.md", b.Warnings)
	}
	if !strings.Contains(b.Codelab.Steps[0].Markdown, "<<setup.md>>") {
		t.Errorf("got %q, want the include line kept visible", b.Codelab.Steps[0].Markdown)
	}
}

func TestStepTooLarge(t *testing.T) {
	_, err := Import("big.md", []byte("# T\n## S\n"+strings.Repeat("x", MaxStepBytes+1)))
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeStepTooLarge {
		t.Errorf("got %v, want %s", err, CodeStepTooLarge)
	}
}

func TestEnvironmentChoice(t *testing.T) {
	md := "id: e\nenvironments: web, kiosk\n\n# E\n\n## Both\nx\n\n## Web\nEnvironment: web\ny\n\n## Kiosk\nEnvironment: Kiosk\nz\n"
	for _, tc := range []struct {
		env  string
		want []bool
	}{{"", []bool{false, false, true}}, {"kiosk", []bool{false, true, false}}, {"Web", []bool{false, false, true}}} {
		b, _, err := ImportWith("e.md", []byte(md), Options{Environment: tc.env})
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range b.Codelab.Steps {
			if s.Hidden != tc.want[i] {
				t.Errorf("environment %q: step %d hidden=%v, want %v", tc.env, i+1, s.Hidden, tc.want[i])
			}
		}
		if got := strings.Join(b.Environments(), ","); got != "web,kiosk" {
			t.Errorf("Environments: got %q, want web,kiosk", got)
		}
	}
}
