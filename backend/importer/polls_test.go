package importer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const surveyMD = `summary: Polls
id: polls

# Polls round trip

## Warm-up
Duration: 2:00

Before we start:

<form>
  <name>How will you use this codelab?</name>
  <input type="radio" value="Only read through it">
  <input type="radio" value="Read it &amp; complete the exercises">
</form>

Then read on.

## Wrap-up

` + "```html\n<form><name>Not a poll: code</name><input value=\"x\"></form>\n```" + `

<form>
<name>Your experience with Go?</name>
<input value="Novice">
<input value="Expert">
</form>
`

func polls(b *Bundle) string {
	var w strings.Builder
	for _, p := range b.Polls {
		fmt.Fprintf(&w, "%d %s %q\n", p.Step, p.Question, p.Options)
	}
	return w.String()
}

func stepsOf(b *Bundle) []string {
	var out []string
	for _, s := range b.Codelab.Steps {
		out = append(out, s.Markdown)
	}
	return out
}

func TestSurveyFormsImportAsPreparedPolls(t *testing.T) {
	b, err := Import("polls.md", []byte(surveyMD))
	if err != nil {
		t.Fatal(err)
	}
	want := "1 How will you use this codelab? [\"Only read through it\" \"Read it & complete the exercises\"]\n" +
		"2 Your experience with Go? [\"Novice\" \"Expert\"]\n"
	if got := polls(b); got != want {
		t.Errorf("polls: got\n%s\nwant\n%s", got, want)
	}
	for _, s := range b.Codelab.Steps {
		if strings.Contains(s.Markdown, "Poll:") || strings.Contains(s.Markdown, "&lt;form") || strings.Contains(s.Markdown, "Novice") {
			t.Errorf("step %d: got %q, want the survey removed from the text", s.Number, s.Markdown)
		}
	}
	if got := b.Codelab.Steps[0].Markdown; got != "Before we start:\n\nThen read on." {
		t.Errorf("step 1: got %q, want the text around the form with one blank line", got)
	}
	if !strings.Contains(b.Codelab.Steps[1].Markdown, "<form><name>Not a poll: code</name>") {
		t.Errorf("step 2: got %q, want the form inside the code block kept", b.Codelab.Steps[1].Markdown)
	}
}

func TestPollsRoundTrip(t *testing.T) {
	first, err := Import("polls.md", []byte(surveyMD))
	if err != nil {
		t.Fatal(err)
	}
	claat, err := ExportClaat(first)
	if err != nil {
		t.Fatal(err)
	}
	md := string(claat.Data)
	for _, s := range []string{"<form>", "<name>Your experience with Go?</name>", `<input type="radio" value="Read it &amp; complete the exercises">`} {
		if !strings.Contains(md, s) {
			t.Errorf("claat export lacks %q:\n%s", s, md)
		}
	}
	again, err := Import(claat.Name, claat.Data)
	if err != nil {
		t.Fatal(err)
	}
	if polls(again) != polls(first) {
		t.Errorf("claat round trip: got\n%s\nwant\n%s", polls(again), polls(first))
	}
	if !reflect.DeepEqual(stepsOf(again), stepsOf(first)) {
		t.Errorf("claat round trip steps: got %q, want %q", stepsOf(again), stepsOf(first))
	}

	oc, err := ExportOpenCodelabs(first)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Import(oc.Name, oc.Data)
	if err != nil {
		t.Fatal(err)
	}
	if polls(back) != polls(first) || !reflect.DeepEqual(stepsOf(back), stepsOf(first)) {
		t.Errorf("Open Codelabs round trip: got %s %q, want %s %q", polls(back), stepsOf(back), polls(first), stepsOf(first))
	}
}

func TestPollsWithoutStepExportOnTheLastStep(t *testing.T) {
	b := &Bundle{Codelab: modelCodelab(), Polls: []Poll{{Step: 0, Question: "Pace?", Options: []string{"Slow", "Fast"}}, {Step: 9, Question: "Gone?", Options: []string{"a", "b"}}}}
	out, err := ExportClaat(b)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Import(out.Name, out.Data)
	if err != nil {
		t.Fatal(err)
	}
	last := len(b.Codelab.Steps)
	if want := fmt.Sprintf("%d Pace? [\"Slow\" \"Fast\"]\n%d Gone? [\"a\" \"b\"]\n", last, last); polls(again) != want {
		t.Errorf("got %s, want %s", polls(again), want)
	}
}
