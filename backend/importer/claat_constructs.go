package importer

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/opencodelabs/desktop/backend/model"
)

// claat constructs beyond headings, durations and info boxes (after
// claat/parser/md): fragment includes, <button> links, <video> and iframe
// embeds, and <form> surveys. Each becomes markdown our renderer draws
// safely (backend/markdown/widgets.go); ExportClaat turns them back.

var (
	fragmentRx = regexp.MustCompile(`^\s*<<([^<>()]+\.md)>>\s*$`)
	buttonRx   = regexp.MustCompile(`(?i)<button>\s*\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)\s*</button>`)
	videoRx    = regexp.MustCompile(`(?i)<video\s+id\s*=\s*["']?([A-Za-z0-9_-]{1,64})["']?\s*/?>(?:\s*</video>)?`)
	embedRx    = regexp.MustCompile(`!\[(https://[^\]\s]+)\]\([^)]*\)`)
	formOpenRx = regexp.MustCompile(`(?i)^\s*<form>`)
)

// iframeAllowlist is claat's list of hosts whose pages an image-with-URL-alt
// embeds (types.IframeWhitelist); we make them link cards.
var iframeAllowlist = []string{"google.com", "google.dev", "dartlang.org", "web.dev", "observablehq.com", "repl.it", "codepen.io", "glitch.com"}

func allowedEmbed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" {
		return false
	}
	h := strings.ToLower(u.Hostname())
	for _, d := range iframeAllowlist {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

// convertClaatLine rewrites one non-code line's buttons, videos and
// embeds into marked links.
func convertClaatLine(l string) string {
	if !strings.Contains(l, "<") && !strings.Contains(l, "![https://") {
		return l
	}
	l = buttonRx.ReplaceAllString(l, `[$1]($2 "button")`)
	l = videoRx.ReplaceAllString(l, `[YouTube video $1](https://www.youtube.com/watch?v=$1 "video")`)
	return embedRx.ReplaceAllStringFunc(l, func(m string) string {
		u := embedRx.FindStringSubmatch(m)[1]
		if !allowedEmbed(u) {
			return m
		}
		return "[Embedded page " + escapeLinkText(hostOf(u)) + "](" + u + ` "embed")`
	})
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}

func escapeLinkText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// Poll is one prepared poll question: a claat survey question or a Google
// Docs survey. Step is the 1-based step holding it.
type Poll struct {
	Step     int      `json:"step"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
}

// surveyLines reads a claat <form> survey starting at lines[i] through the
// line holding </form> and returns it as poll blockquotes, with the index of
// the last line used. ok is false when there is no </form>.
func surveyLines(lines []string, i int) ([]string, int, bool) {
	end := -1
	for j := i; j < len(lines) && j < i+200; j++ {
		if strings.Contains(strings.ToLower(lines[j]), "</form>") {
			end = j
			break
		}
	}
	if end < 0 {
		return nil, 0, false
	}
	nodes, err := html.ParseFragment(strings.NewReader(strings.Join(lines[i:end+1], "\n")), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil, 0, false
	}
	var polls []Poll
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "name" {
			polls = append(polls, Poll{Question: oneLine(textOf(n))})
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Input && len(polls) > 0 {
			if v := oneLine(attr(n, "value")); v != "" {
				p := &polls[len(polls)-1]
				p.Options = append(p.Options, v)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var out []string
	for _, p := range polls {
		if p.Question == "" || len(p.Options) == 0 {
			continue
		}
		out = append(out, pollMarkdown(p)...)
		out = append(out, "")
	}
	if len(out) == 0 {
		return nil, 0, false
	}
	return out[:len(out)-1], end, true
}

// pollMarkdown is a poll as the blockquote our renderer shows as a poll box.
func pollMarkdown(p Poll) []string {
	out := []string{"> Poll: " + p.Question}
	for _, o := range p.Options {
		out = append(out, "> - "+o)
	}
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

var pollStartRx = regexp.MustCompile(`^>\s?Poll:\s*(\S.*)$`)
var pollOptionRx = regexp.MustCompile(`^>\s?[-*+]\s+(\S.*)$`)

// PollsFromMarkdown lists the prepared polls ("> Poll: question" followed
// by "> - option" lines) of one step's markdown, outside code.
func PollsFromMarkdown(step int, md string) []Poll {
	var polls []Poll
	lines := strings.Split(md, "\n")
	var f fence
	for i := 0; i < len(lines); i++ {
		if f.line(lines[i]) {
			continue
		}
		m := pollStartRx.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		p := Poll{Step: step, Question: strings.TrimSpace(m[1])}
		for i+1 < len(lines) {
			o := pollOptionRx.FindStringSubmatch(lines[i+1])
			if o == nil {
				break
			}
			p.Options = append(p.Options, strings.TrimSpace(o[1]))
			i++
		}
		if len(p.Options) > 0 {
			polls = append(polls, p)
		}
	}
	return polls
}

// expandFragments replaces each "<<path.md>>" line of the codelab's
// markdown (a file in dir of za) with that fragment's text, as claat does.
// A fragment outside the ZIP, one that includes another (so also any
// cycle) or one that defines steps is refused; a fragment that is not in
// the upload is a warning and its line stays, visible, in the step.
func expandFragments(text, dir string, za *zipArchive, warn func(model.Notice)) (string, error) {
	lines := strings.Split(text, "\n")
	var out []string
	var f fence
	for _, l := range lines {
		if f.line(l) {
			out = append(out, l)
			continue
		}
		m := fragmentRx.FindStringSubmatch(l)
		if m == nil {
			out = append(out, l)
			continue
		}
		name := strings.TrimSpace(m[1])
		p := path.Clean(path.Join(dir, name))
		if strings.HasPrefix(name, "/") || p == ".." || strings.HasPrefix(p, "../") {
			return "", errf(CodeBadFragment, "the fragment <<%s>> points outside the ZIP; keep fragments inside it", name)
		}
		if za == nil {
			warn(model.NewNotice("fragment_needs_zip",
				fmt.Sprintf("Fragment %s was not included: a bare .md cannot carry it. Import a ZIP holding the .md and its fragments.", name), "fragment", name))
			out = append(out, l)
			continue
		}
		if _, ok := za.files[p]; !ok {
			warn(model.NewNotice("fragment_missing",
				fmt.Sprintf("Fragment %s was not found in the ZIP; its <<%s>> line stays in the step.", p, name), "fragment", p, "line", "<<"+name+">>"))
			out = append(out, l)
			continue
		}
		frag, err := za.readText(p)
		if err != nil {
			return "", err
		}
		if err := checkFragment(p, frag); err != nil {
			return "", err
		}
		out = append(out, trimBlankLines(strings.Split(rebaseImages(frag, path.Dir(p), dir), "\n"))...)
	}
	return strings.Join(out, "\n"), nil
}

// checkFragment enforces claat's rules: a fragment may not include another
// fragment nor start a step or title.
func checkFragment(name, frag string) error {
	var f fence
	for _, l := range strings.Split(frag, "\n") {
		if f.line(l) {
			continue
		}
		if fragmentRx.MatchString(l) {
			return errf(CodeBadFragment, "the fragment %s includes another fragment; fragments may not include fragments", name)
		}
		if _, ok := atxHeading(l, 1); ok {
			return errf(CodeBadFragment, "the fragment %s has a # title; fragments may not define steps", name)
		}
		if _, ok := atxHeading(l, 2); ok {
			return errf(CodeBadFragment, "the fragment %s has a ## step heading; fragments may not define steps", name)
		}
	}
	return nil
}

// rebaseImages points a fragment's relative images (relative to fragDir)
// at the same files relative to dir, where the including markdown lives.
func rebaseImages(md, fragDir, dir string) string {
	if fragDir == dir {
		return md
	}
	return RewriteImages(md, func(u string) string {
		p := localImagePath(fragDir, u)
		if p == "" {
			return u
		}
		if dir == "." || dir == "" {
			return p
		}
		if rel, ok := strings.CutPrefix(p, dir+"/"); ok {
			return rel
		}
		return u
	})
}

// DefaultEnvironment is the claat environment imported when none is named.
const DefaultEnvironment = "web"

// hideOtherEnvironments hides the steps meant for other environments than
// env (claat's "Environment:"); steps without one are for every environment.
func (b *Bundle) hideOtherEnvironments(env string) {
	env = strings.ToLower(strings.TrimSpace(env))
	if env == "" {
		env = DefaultEnvironment
	}
	if len(b.Environments()) > 0 {
		b.Environment = env
	}
	hidden := 0
	for i := range b.Codelab.Steps {
		s := &b.Codelab.Steps[i]
		if len(s.Environments) > 0 && !contains(s.Environments, env) {
			s.Hidden = true
			hidden++
		}
	}
	if hidden > 0 {
		b.Warnings = append(b.Warnings, model.NewNotice("steps_other_environment",
			fmt.Sprintf("%d step(s) are for another environment than %q; they are kept, hidden from attendees.", hidden, env),
			"count", strconv.Itoa(hidden), "environment", env))
	}
}

// Environments lists every environment the codelab's header or steps name,
// lower case, in first-seen order.
func (b *Bundle) Environments() []string {
	var out []string
	for _, e := range splitList(strings.ToLower(b.Meta["environments"])) {
		if !contains(out, e) {
			out = append(out, e)
		}
	}
	for _, s := range b.Codelab.Steps {
		for _, e := range s.Environments {
			if !contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}
