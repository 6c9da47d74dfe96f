package importer

import (
	"html"
	"strings"
)

// Prepared polls leave the step text on import: a claat <form> survey (and
// a Google Docs survey table, and a "> Poll:" block written by hand) is
// read into Bundle.Polls with the number of the step that held it, and its
// lines are removed from that step, because the poll is asked live by the
// facilitator (an attendee answers in a banner), not read in the step.
// Exports write them back: the claat export as a <form> at the end of the
// poll's step, the Open Codelabs export in opencodelabs-desktop.json.

// takePolls moves every poll block of the steps' markdown into b.Polls,
// after any polls the bundle already carries (an Open Codelabs ZIP's
// metadata), in step order.
func (b *Bundle) takePolls() {
	for i := range b.Codelab.Steps {
		s := &b.Codelab.Steps[i]
		md, polls := cutPolls(s.Number, s.Markdown)
		s.Markdown = md
		b.Polls = append(b.Polls, polls...)
	}
}

// cutPolls removes the "> Poll: question" blocks with their "> - option"
// lines from md (outside code) and returns them. A blank line left doubled
// by the removal is dropped.
func cutPolls(step int, md string) (string, []Poll) {
	if !strings.Contains(md, "Poll:") {
		return md, nil
	}
	lines := strings.Split(md, "\n")
	var out []string
	var polls []Poll
	var f fence
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if f.line(l) {
			out = append(out, l)
			continue
		}
		m := pollStartRx.FindStringSubmatch(l)
		if m == nil {
			out = append(out, l)
			continue
		}
		p := Poll{Step: step, Question: strings.TrimSpace(m[1])}
		j := i
		for j+1 < len(lines) {
			o := pollOptionRx.FindStringSubmatch(lines[j+1])
			if o == nil {
				break
			}
			p.Options = append(p.Options, strings.TrimSpace(o[1]))
			j++
		}
		if len(p.Options) == 0 {
			out = append(out, l)
			continue
		}
		polls = append(polls, p)
		i = j
		prevBlank := len(out) == 0 || strings.TrimSpace(out[len(out)-1]) == ""
		if prevBlank && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "" {
			i++ // the blank line after the poll
		}
	}
	return strings.Join(trimBlankLines(out), "\n"), polls
}

// pollForm is a poll as a claat survey form.
func pollForm(p Poll) []string {
	out := []string{"<form>", "  <name>" + html.EscapeString(p.Question) + "</name>"}
	for _, o := range p.Options {
		out = append(out, `  <input type="radio" value="`+html.EscapeString(o)+`">`)
	}
	return append(out, "</form>")
}

// stepPolls returns the forms of the bundle's prepared polls that go at the
// end of step n (1-based) of count steps: polls of step n, and on the last
// step also those of no step or of a step that no longer exists.
func (b *Bundle) stepPolls(n, count int) []string {
	var out []string
	for _, p := range b.Polls {
		if p.Step == n || n == count && (p.Step < 1 || p.Step > count) {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, pollForm(p)...)
		}
	}
	return out
}
