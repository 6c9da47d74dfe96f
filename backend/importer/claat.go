package importer

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

// Header keys ParseClaat maps onto model.Codelab; every other header key
// is kept in Bundle.Meta.
var claatMapped = map[string]bool{"id": true, "summary": true, "authors": true, "author": true, "tags": true, "duration": true}

// claatHeaderOrder is the order ExportClaat writes header keys in.
var claatHeaderOrder = []string{"summary", "id", "categories", "environments", "status", "feedback link", "analytics account", "authors", "tags", "duration"}

var (
	durationRx   = regexp.MustCompile(`(?i)^\s*duration\s*:\s*(\S.*?)\s*$`)
	envRx        = regexp.MustCompile(`(?i)^\s*environment\s*:\s*(\S.*?)\s*$`)
	asideOpenRx  = regexp.MustCompile(`(?i)^\s*<aside\s+class\s*=\s*["']?(positive|negative)["']?\s*>(.*)$`)
	asideQuoteRx = regexp.MustCompile(`^>\s?(Positive|Negative):\s?(.*)$`)
)

type rawStep struct {
	title string
	lines []string
}

// ParseClaat parses claat markdown (googlecodelabs/tools FORMAT-GUIDE):
// a "key: value" header up to the first blank line or heading (or a
// ---/--- block), "# Title", one step per "## " heading, "Duration:" lines
// inside steps. fallbackTitle names the codelab when there is no "# "
// title (Import passes the file name). A BOM and \r\n or \r line endings
// are accepted.
func ParseClaat(text, fallbackTitle string) (*Bundle, error) {
	text, err := decodeText("markdown", []byte(text))
	if err != nil {
		return nil, err
	}
	return parseClaat(text, fallbackTitle)
}

// parseClaat is ParseClaat on text that decodeText already returned (Import
// and importClaatZip have it decoded), so it is not decoded twice.
func parseClaat(text, fallbackTitle string) (*Bundle, error) {
	lines := strings.Split(text, "\n")
	meta, i := parseClaatHeader(lines)

	var title string
	var steps []*rawStep
	var f fence
	for ; i < len(lines); i++ {
		l := lines[i]
		if !f.line(l) {
			if t, ok := atxHeading(l, 2); ok {
				if len(steps) == MaxSteps {
					return nil, errf(CodeTooManySteps, "the markdown has more than %d steps (## headings)", MaxSteps)
				}
				steps = append(steps, &rawStep{title: t})
				continue
			}
			if t, ok := atxHeading(l, 1); ok && title == "" && len(steps) == 0 {
				title = t
				continue
			}
		}
		if len(steps) > 0 { // like claat, text before the first step is dropped
			s := steps[len(steps)-1]
			s.lines = append(s.lines, l)
		}
	}
	if len(steps) == 0 {
		return nil, errf(CodeNoSteps, "the markdown has no steps; each step starts with a \"## \" heading")
	}

	c := model.Codelab{
		ID:          meta["id"],
		Title:       title,
		Description: meta["summary"],
		Author:      meta["authors"],
	}
	if c.Title == "" {
		c.Title = oneLine(fallbackTitle)
	}
	if c.Author == "" {
		c.Author = meta["author"]
	}
	c.Tags = splitList(meta["tags"])
	if len(c.Tags) == 0 {
		c.Tags = splitList(meta["categories"])
	}
	total := 0
	for n, s := range steps {
		md, minutes, envs := claatStepBody(s.lines)
		total += minutes
		c.Steps = append(c.Steps, model.Step{Number: n + 1, Title: s.title, DurationMinutes: minutes, Markdown: md, Environments: envs})
	}
	c.DurationMinutes = total
	if d, err := strconv.Atoi(meta["duration"]); err == nil && d >= 0 {
		c.DurationMinutes = d
	}
	extra := map[string]string{}
	for k, v := range meta {
		if !claatMapped[k] {
			extra[k] = v
		}
	}
	b := &Bundle{Codelab: c, Meta: extra}
	if err := check(b); err != nil {
		return nil, err
	}
	return b, nil
}

// parseClaatHeader reads the metadata block and returns it with the index
// of the first line after it. Keys are lower-cased; like claat, a line is
// "key: value" split at the first colon and other lines are skipped.
func parseClaatHeader(lines []string) (map[string]string, int) {
	meta := map[string]string{}
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	add := func(l string) {
		k, v, ok := strings.Cut(l, ":")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if ok && k != "" && v != "" {
			meta[k] = v
		}
	}
	if i < len(lines) && strings.TrimSpace(lines[i]) == "---" {
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "---"; i++ {
			if !strings.HasPrefix(strings.TrimSpace(lines[i]), "#") { // a YAML comment
				add(lines[i])
			}
		}
		return meta, min(i+1, len(lines))
	}
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			break
		}
		add(t)
	}
	return meta, i
}

// atxHeading reports whether l is an ATX heading of exactly level and
// returns its text without closing #s. Empty headings do not count (claat
// skips them).
func atxHeading(l string, level int) (string, bool) {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || runLen(t, '#') != level {
		return "", false
	}
	rest := t[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if s := strings.TrimRight(rest, "#"); s != rest && (s == "" || strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t")) {
		rest = strings.TrimSpace(s)
	}
	if strings.HasSuffix(rest, `\#`) {
		rest = rest[:len(rest)-2] + "#" // escaped so it is not a closing sequence
	}
	return rest, rest != ""
}

// claatStepBody removes Duration lines (the first one sets the step's
// minutes, rounded up), turns <aside class="positive|negative"> blocks
// into "> Positive: ..." blockquotes our renderer styles, and trims blank
// lines at both ends.
func claatStepBody(lines []string) (string, int, []string) {
	var out []string
	var envs []string
	minutes, found, unclosed := 0, false, false
	var f fence
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if f.line(l) {
			out = append(out, l)
			continue
		}
		if m := envRx.FindStringSubmatch(l); m != nil {
			// claat scopes it to the content up to the next heading; we keep
			// it per step, which is how codelabs use it.
			for _, e := range splitList(strings.ToLower(m[1])) {
				if !contains(envs, e) {
					envs = append(envs, e)
				}
			}
			continue
		}
		if m := durationRx.FindStringSubmatch(l); m != nil {
			if d, ok := parseClaatDuration(m[1]); ok {
				if !found {
					minutes, found = d, true
				}
				continue
			}
		}
		if strings.EqualFold(strings.TrimSpace(l), "<button>") && i+2 < len(lines) && strings.EqualFold(strings.TrimSpace(lines[i+2]), "</button>") {
			l = "<button>" + strings.TrimSpace(lines[i+1]) + "</button>" // claat allows the link on its own line
			i += 2
		}
		if formOpenRx.MatchString(l) {
			if poll, next, ok := surveyLines(lines, i); ok {
				out = append(out, poll...)
				i = next
				continue
			}
		}
		l = convertClaatLine(l)
		if m := asideOpenRx.FindStringSubmatch(l); m != nil && !unclosed {
			if body, next, ok := asideBody(lines, i, m[2]); ok {
				out = append(out, asideQuote(m[1], body)...)
				i = next
				continue
			}
			// No </aside> up to the end: later asides cannot close either,
			// and looking again for each would be quadratic.
			unclosed = true
		}
		out = append(out, l)
	}
	return strings.Join(trimBlankLines(out), "\n"), minutes, envs
}

// asideBody collects an aside's content from the rest of its opening line
// on to the line holding </aside>. It returns the index of that line.
func asideBody(lines []string, open int, rest string) ([]string, int, bool) {
	if before, _, ok := strings.Cut(rest, "</aside>"); ok {
		return []string{before}, open, true
	}
	body := []string{rest}
	for j := open + 1; j < len(lines); j++ {
		if before, _, ok := strings.Cut(lines[j], "</aside>"); ok {
			return append(body, before), j, true
		}
		body = append(body, lines[j])
	}
	return nil, 0, false
}

func asideQuote(kind string, body []string) []string {
	kind = strings.ToUpper(kind[:1]) + strings.ToLower(kind[1:])
	body = trimBlankLines(body)
	if len(body) == 0 {
		return []string{"> " + kind + ":"}
	}
	out := []string{"> " + kind + ": " + strings.TrimSpace(body[0])}
	for _, l := range body[1:] {
		if strings.TrimSpace(l) == "" {
			out = append(out, ">")
		} else {
			out = append(out, "> "+l)
		}
	}
	return out
}

// parseClaatDuration reads "mm:ss", "hh:mm:ss" or plain minutes and
// rounds up to whole minutes.
func parseClaatDuration(v string) (int, bool) {
	parts := strings.Split(v, ":")
	if len(parts) > 3 {
		return 0, false
	}
	secs := 0
	factors := []int{3600, 60, 1}[3-len(parts):]
	if len(parts) == 1 {
		factors = []int{60}
	}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) == 0 || len(p) > 6 {
			return 0, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, false
		}
		secs += n * factors[i]
	}
	return (secs + 59) / 60, true
}

func splitList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// findClaatMarkdown picks the codelab's markdown in a ZIP: the shallowest
// .md file, ignoring a README.md beside it.
func findClaatMarkdown(za *zipArchive) (string, error) {
	cands := za.shallowest(".md", ".markdown")
	if len(cands) > 1 {
		var keep []string
		for _, n := range cands {
			if !strings.EqualFold(path.Base(n), "readme.md") {
				keep = append(keep, n)
			}
		}
		if len(keep) > 0 {
			cands = keep
		}
	}
	if len(cands) > 1 {
		// Fragments may sit beside the codelab: drop files another one
		// includes, then files without steps (fragments may not have any).
		texts := map[string]string{}
		included := map[string]bool{}
		for _, n := range cands {
			text, err := za.readText(n)
			if err != nil {
				continue
			}
			texts[n] = text
			for _, l := range strings.Split(text, "\n") {
				if m := fragmentRx.FindStringSubmatch(l); m != nil {
					included[path.Clean(path.Join(path.Dir(n), strings.TrimSpace(m[1])))] = true
				}
			}
		}
		var keep []string
		for _, n := range cands {
			if text, ok := texts[n]; ok && !included[n] && definesSteps(text) {
				keep = append(keep, n)
			}
		}
		if len(keep) > 0 {
			cands = keep
		}
	}
	return onlyCandidate(cands, "several markdown files (%s); keep only the codelab's")
}

// shallowest lists the ZIP's files with one of exts (lower case) that sit
// at the smallest folder depth among them.
func (za *zipArchive) shallowest(exts ...string) []string {
	var cands []string
	for _, n := range za.names {
		if !slices.Contains(exts, strings.ToLower(path.Ext(n))) {
			continue
		}
		switch {
		case len(cands) == 0 || depth(n) < depth(cands[0]):
			cands = []string{n}
		case depth(n) == depth(cands[0]):
			cands = append(cands, n)
		}
	}
	return cands
}

// onlyCandidate is the one file a ZIP's codelab can be read from, or the
// error that says none or too many (several is a format like "several
// markdown files (%s); …" naming them).
func onlyCandidate(cands []string, several string) (string, error) {
	switch len(cands) {
	case 0:
		return "", errf(CodeNoCodelab, "the ZIP holds neither a codelab.json (Open Codelabs export), a markdown file (claat) nor an .html file (Google Docs export)")
	case 1:
		return cands[0], nil
	}
	return "", errf(CodeBadZip, "the ZIP holds "+several, strings.Join(cands, ", "))
}

func importClaatZip(za *zipArchive) (*Bundle, error) {
	name, err := findClaatMarkdown(za)
	if err != nil {
		return nil, err
	}
	text, err := za.readText(name)
	if err != nil {
		return nil, err
	}
	var warnings []model.Notice
	text, err = expandFragments(text, path.Dir(name), za, func(w model.Notice) { warnings = append(warnings, w) })
	if err != nil {
		return nil, err
	}
	b, err := parseClaat(text, strings.TrimSuffix(path.Base(name), path.Ext(name)))
	if err != nil {
		return nil, err
	}
	b.Warnings = append(warnings, b.Warnings...)
	dir := path.Dir(name)
	root := ""
	if dir == "." {
		dir = ""
	} else {
		root = dir + "/"
	}
	var assets assetSet
	for i := range b.Codelab.Steps {
		s := &b.Codelab.Steps[i]
		if s.Markdown, err = collectAssets(za, root, dir, s.Markdown, &assets); err != nil {
			return nil, err
		}
	}
	b.Assets = assets.list
	return b, nil
}

// definesSteps reports whether claat markdown has a "## " step heading
// outside code.
func definesSteps(text string) bool {
	var f fence
	for _, l := range strings.Split(text, "\n") {
		if f.line(l) {
			continue
		}
		if _, ok := atxHeading(l, 2); ok {
			return true
		}
	}
	return false
}
