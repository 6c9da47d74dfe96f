package importer

import (
	"regexp"
	"strings"
)

var (
	buttonMarkRx = regexp.MustCompile(`\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+) "button"\)`)
	videoMarkRx  = regexp.MustCompile(`\[(?:[^\]\\]|\\.)*\]\(https://www\.youtube\.com/watch\?v=([A-Za-z0-9_-]{1,64}) "video"\)`)
	embedMarkRx  = regexp.MustCompile(`\[(?:[^\]\\]|\\.)*\]\((https://[^)\s]+) "embed"\)`)
)

// exportClaatLine turns marked links back into claat's spellings:
// <button>[text](url)</button>, <video id="…"></video> and an image whose
// alt text is the embedded page's URL.
func exportClaatLine(l string) string {
	if !strings.Contains(l, `"button")`) && !strings.Contains(l, `"video")`) && !strings.Contains(l, `"embed")`) {
		return l
	}
	l = buttonMarkRx.ReplaceAllString(l, `<button>[$1]($2)</button>`)
	l = videoMarkRx.ReplaceAllString(l, `<video id="$1"></video>`)
	return embedMarkRx.ReplaceAllString(l, `![$1]($1)`)
}

// exportPoll writes the poll starting at lines[i] ("> Poll: q" and its
// "> - option" lines) as a claat survey form; it returns the form's lines
// and the index of the poll's last line.
func exportPoll(lines []string, i int) ([]string, int, bool) {
	polls := PollsFromMarkdown(0, strings.Join(lines[i:min(len(lines), i+1+maxPollOptions)], "\n"))
	if len(polls) == 0 || !pollStartRx.MatchString(lines[i]) {
		return nil, 0, false
	}
	p := polls[0]
	return pollForm(p), i + len(p.Options), true
}

// maxPollOptions bounds how far exportPoll looks for options.
const maxPollOptions = 50
