package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

// LocalImageRefs returns the relative image URLs md uses (![a](img/x.png),
// <img src="img/x.png">), each once, in first-seen order. Remote, absolute,
// data: and anchor URLs are not listed; neither are URLs leaving their
// folder (../x.png), which no upload can satisfy either way.
func LocalImageRefs(md string) []string {
	var out []string
	seen := map[string]bool{}
	RewriteImages(md, func(u string) string {
		if !seen[u] && localImagePath("", u) != "" {
			seen[u] = true
			out = append(out, u)
		}
		return u
	})
	return out
}

// IsLocalRef reports whether an image URL is relative and stays in its
// folder: something an uploaded file can stand in for.
func IsLocalRef(u string) bool { return localImagePath("", u) != "" }

// noteMissingImages lists in Missing (with a warning each) the relative
// image URLs that no Asset provides: the upload did not hold the file, so
// the image would be broken until the facilitator uploads it.
func (b *Bundle) noteMissingImages() {
	have := map[string]bool{}
	for _, a := range b.Assets {
		have[a.Path] = true
	}
	seen := map[string]bool{}
	for _, m := range b.Missing {
		seen[m] = true
	}
	type place struct{ en, place, step string } // place: "step" or "guide", the catalogue's select
	note := func(where place, md string) {
		for _, u := range LocalImageRefs(md) {
			if have[u] || seen[u] {
				continue
			}
			seen[u] = true
			b.Missing = append(b.Missing, u)
			b.Warnings = append(b.Warnings, model.NewNotice("image_missing",
				fmt.Sprintf("Image %s (%s) was not in the upload; upload it from the editor to fix the reference.", u, where.en), "image", u, "place", where.place, "step", where.step))
		}
	}
	for _, s := range b.Codelab.Steps {
		note(place{fmt.Sprintf("step %d", s.Number), "step", strconv.Itoa(s.Number)}, s.Markdown)
	}
	if strings.TrimSpace(b.Codelab.GuideMarkdown) != "" {
		note(place{"preparation guide", "guide", ""}, b.Codelab.GuideMarkdown)
	}
}
