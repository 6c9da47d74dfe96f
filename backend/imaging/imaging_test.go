package imaging_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"

	"github.com/opencodelabs/desktop/backend/imaging"
)

func solid(w, h int, c color.Color) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	return img
}

func encPNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffByContent(t *testing.T) {
	var jb, gb bytes.Buffer
	jpeg.Encode(&jb, solid(4, 4, color.White), nil)
	gif.Encode(&gb, solid(4, 4, color.Black), nil)
	webpData, err := os.ReadFile("testdata/tiny.webp")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		want imaging.Format
		ok   bool
	}{
		{"png", encPNG(t, solid(4, 4, color.White)), imaging.PNG, true},
		{"jpeg", jb.Bytes(), imaging.JPEG, true},
		{"gif", gb.Bytes(), imaging.GIF, true},
		{"webp", webpData, imaging.WebP, true},
		{"text", []byte("hello, I am not a picture"), "", false},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), "", false},
		{"empty", nil, "", false},
	}
	for _, c := range cases {
		got, ok := imaging.Sniff(c.data)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: got %q %v, want %q %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestProcessKeepsNarrowImages(t *testing.T) {
	data := encPNG(t, solid(300, 200, color.White))
	img, err := imaging.Process(data, 1600)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img.Data, data) || img.Resized || img.Width != 300 || img.Height != 200 {
		t.Errorf("got %dx%d resized=%v same=%v, want the original 300x200", img.Width, img.Height, img.Resized, bytes.Equal(img.Data, data))
	}
	webpData, _ := os.ReadFile("testdata/tiny.webp")
	img, err = imaging.Process(webpData, 1600)
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != imaging.WebP || img.Width != 75 || img.Height != 100 {
		t.Errorf("webp: got %s %dx%d, want webp 75x100", img.Format, img.Width, img.Height)
	}
}

func TestProcessDownscalesWideImages(t *testing.T) {
	img, err := imaging.Process(encPNG(t, solid(3200, 1000, color.NRGBA{200, 10, 10, 255})), 1600)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 1600 || img.Height != 500 || img.Format != imaging.PNG || !img.Resized {
		t.Fatalf("got %s %dx%d resized=%v, want png 1600x500 resized", img.Format, img.Width, img.Height, img.Resized)
	}
	dec, err := png.Decode(bytes.NewReader(img.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := dec.Bounds(); b.Dx() != 1600 || b.Dy() != 500 {
		t.Errorf("decoded %v, want 1600x500", b)
	}
	if r, _, _, _ := dec.At(800, 250).RGBA(); r>>8 < 190 {
		t.Errorf("got red %d in the middle, want the colour kept (~200)", r>>8)
	}

	var jb bytes.Buffer
	jpeg.Encode(&jb, solid(2000, 100, color.White), nil)
	img, err = imaging.Process(jb.Bytes(), 1600)
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != imaging.JPEG || img.Width != 1600 || img.Height != 80 {
		t.Errorf("jpeg: got %s %dx%d, want jpeg 1600x80", img.Format, img.Width, img.Height)
	}

	var gb bytes.Buffer
	gif.Encode(&gb, solid(1700, 10, color.Black), nil)
	img, err = imaging.Process(gb.Bytes(), 1600)
	if err != nil {
		t.Fatal(err)
	}
	if img.Format != imaging.PNG || img.Width != 1600 {
		t.Errorf("still gif: got %s %d wide, want png 1600 wide", img.Format, img.Width)
	}
}

func TestProcessKeepsAnimatedGIF(t *testing.T) {
	pal := color.Palette{color.Black, color.White}
	frame := func() *image.Paletted { return image.NewPaletted(image.Rect(0, 0, 2000, 10), pal) }
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{frame(), frame()}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	img, err := imaging.Process(b.Bytes(), 1600)
	if err != nil {
		t.Fatal(err)
	}
	if img.Resized || img.Width != 2000 || !bytes.Equal(img.Data, b.Bytes()) {
		t.Errorf("got %d wide resized=%v, want the animation unchanged at 2000", img.Width, img.Resized)
	}
}

func TestProcessRefusesNonImages(t *testing.T) {
	for name, data := range map[string][]byte{
		"text":           []byte("not an image at all"),
		"png magic only": []byte("\x89PNG\r\n\x1a\ngarbage"),
	} {
		if _, err := imaging.Process(data, 1600); !errors.Is(err, imaging.ErrUnsupported) {
			t.Errorf("%s: got %v, want ErrUnsupported", name, err)
		}
	}
}
