// Package qrcode renders text (the attendee join URL) as a small SVG QR code.
//
// SVG keeps the code sharp at any size on a projector and lets the API ship it
// inline in JSON (the join-info endpoint's qr_svg) without an image pipeline.
// The output is one <path> of dark modules on a white rectangle, a 4-module
// quiet zone, a viewBox in module units and shape-rendering="crispEdges".
package qrcode

import (
	"fmt"
	"strings"

	goqr "github.com/skip2/go-qrcode"
)

// QuietZone is the light border, in modules, that scanners need around the code.
const QuietZone = 4

// SVG encodes text with medium error recovery and returns the SVG document.
func SVG(text string) (string, error) {
	if text == "" {
		return "", fmt.Errorf("qrcode: empty text")
	}
	code, err := goqr.New(text, goqr.Medium)
	if err != nil {
		return "", fmt.Errorf("qrcode: encode: %w", err)
	}
	code.DisableBorder = true
	bits := code.Bitmap()
	size := len(bits) + 2*QuietZone

	var path strings.Builder
	for y, row := range bits {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			// One horizontal run of dark modules as a closed 1-module-high rectangle.
			fmt.Fprintf(&path, "M%d %dh%dv1h-%dz", start+QuietZone, y+QuietZone, x-start, x-start)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, size, size)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, size, size)
	fmt.Fprintf(&b, `<path fill="#000" d="%s"/>`, path.String())
	b.WriteString(`</svg>`)
	return b.String(), nil
}
