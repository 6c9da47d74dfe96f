package qrcode

import (
	"image"
	"image/color"
	"image/draw"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

var (
	viewBoxRe = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathRe    = regexp.MustCompile(`<path fill="#000" d="([^"]*)"/>`)
	runRe     = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
)

// rasterize draws the SVG produced by SVG into an image, reading only the SVG
// text, so the test checks what a browser would paint.
func rasterize(t *testing.T, svg string, scale int) image.Image {
	t.Helper()
	vb := viewBoxRe.FindStringSubmatch(svg)
	if vb == nil {
		t.Fatalf("no viewBox in %q", svg)
	}
	size, _ := strconv.Atoi(vb[1])
	pm := pathRe.FindStringSubmatch(svg)
	if pm == nil {
		t.Fatalf("no dark-module path in %q", svg)
	}
	img := image.NewGray(image.Rect(0, 0, size*scale, size*scale))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	d := pm[1]
	runs := runRe.FindAllStringSubmatchIndex(d, -1)
	covered := 0
	for _, r := range runs {
		if r[0] != covered {
			t.Fatalf("unparsed path data at %d: %q", covered, d[covered:r[0]])
		}
		covered = r[1]
		x, _ := strconv.Atoi(d[r[2]:r[3]])
		y, _ := strconv.Atoi(d[r[4]:r[5]])
		w, _ := strconv.Atoi(d[r[6]:r[7]])
		rect := image.Rect(x*scale, y*scale, (x+w)*scale, (y+1)*scale)
		draw.Draw(img, rect, image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	if covered != len(d) {
		t.Fatalf("unparsed path data tail: %q", d[covered:])
	}
	return img
}

func TestSVGDecodesBackToURL(t *testing.T) {
	for _, url := range []string{
		"http://192.168.1.23:8080/",
		"http://codelabs-2.local:8080/",
		"http://10.0.0.5:41234/codelabs/abc123?join=1",
	} {
		t.Run(url, func(t *testing.T) {
			svg, err := SVG(url)
			if err != nil {
				t.Fatalf("SVG: %v", err)
			}
			img := rasterize(t, svg, 6)
			bmp, err := gozxing.NewBinaryBitmapFromImage(img)
			if err != nil {
				t.Fatalf("binary bitmap: %v", err)
			}
			res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got := res.GetText(); got != url {
				t.Fatalf("got %q, want %q", got, url)
			}
		})
	}
}

func TestSVGShape(t *testing.T) {
	svg, err := SVG("http://192.168.1.23:8080/")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(svg, "<path"); got != 1 {
		t.Fatalf("got %d paths, want 1", got)
	}
	for _, want := range []string{`shape-rendering="crispEdges"`, `fill="#fff"`, `fill="#000"`} {
		if !strings.Contains(svg, want) {
			t.Fatalf("got %q, want it to contain %s", svg, want)
		}
	}
	// Version 2 (25 modules) at medium recovery holds this URL; plus 2*4 quiet zone.
	vb := viewBoxRe.FindStringSubmatch(svg)
	if vb == nil || vb[1] != "33" || vb[2] != "33" {
		t.Fatalf("got viewBox %v, want 0 0 33 33", vb)
	}
	// The quiet zone stays light: no run starts before module 4.
	for _, m := range runRe.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if x < QuietZone || y < QuietZone || y >= 33-QuietZone {
			t.Fatalf("got dark run at (%d,%d), want none inside the quiet zone", x, y)
		}
	}
}

func TestSVGEmpty(t *testing.T) {
	if _, err := SVG(""); err == nil {
		t.Fatal("got nil error for empty text, want an error")
	}
}
