package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Link markers: a link whose title is exactly one of these words is drawn
// as a widget instead of a plain link. The importer writes them for claat's
// <button>, <video> and iframe embeds, so those need no raw HTML (which
// stays escaped) and survive editing as ordinary markdown:
//
//	[Download SDK](https://example.com/sdk.zip "button")
//	[YouTube video](https://www.youtube.com/watch?v=ID "video")
//	[Embedded page](https://codepen.io/x/embed/y "embed")
//
// A button is <a class="button-link">, with a download icon when its text
// starts with "Download". A video or embed is an offline link card
// (<a class="link-card">) that shows its URL: the classroom may have no
// internet, so nothing is embedded.
const (
	MarkerButton = "button"
	MarkerVideo  = "video"
	MarkerEmbed  = "embed"
)

// linkMarker returns the widget a link's title asks for, or "".
func linkMarker(n *ast.Link) string {
	switch string(n.Title) {
	case MarkerButton, MarkerVideo, MarkerEmbed:
		return string(n.Title)
	}
	return ""
}

// downloadIcon is an empty span the stylesheet draws as a download arrow
// (frontend/src/styles/content.css), so the output needs no SVG.
const downloadIcon = `<span class="button-icon"></span>`

// renderWidgetLink writes a marked link; it reports false for plain links.
func renderWidgetLink(w util.BufWriter, source []byte, n *ast.Link, entering bool) bool {
	marker := linkMarker(n)
	if marker == "" {
		return false
	}
	url := util.URLEscape(n.Destination, true)
	if !entering {
		if marker != MarkerButton {
			_, _ = w.WriteString(`</span><span class="link-card-url">`)
			_, _ = w.Write(util.EscapeHTML(n.Destination))
			_, _ = w.WriteString(`</span>`)
		}
		_, _ = w.WriteString("</a>")
		return true
	}
	if marker == MarkerButton {
		_, _ = w.WriteString(`<a class="button-link"`)
		writeURLAttr(w, "href", url)
		_, _ = w.WriteString(`>`)
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(plainText(n, source))), "download") {
			_, _ = w.WriteString(downloadIcon)
		}
		return true
	}
	kind := "Video"
	if marker == MarkerEmbed {
		kind = "Embedded page"
	}
	_, _ = w.WriteString(`<a class="link-card"`)
	writeURLAttr(w, "href", url)
	_, _ = w.WriteString(`><span class="link-card-kind">` + kind + `</span><span class="link-card-title">`)
	return true
}
