// Package imaging recognizes uploaded images by their content and shrinks
// wide ones, so a facilitator can paste a 4000 px screenshot without every
// attendee downloading it. It is a leaf package: pure Go (image/*,
// golang.org/x/image), bytes in and bytes out, no files and no HTTP.
//
// Only PNG, JPEG, GIF and WebP are accepted, recognized by their magic
// bytes and never by a file name. An image wider than the limit is
// scaled to that width with Catmull-Rom and re-encoded: PNG stays PNG,
// JPEG stays JPEG (quality 90), a still GIF becomes PNG (GIF's 256-colour
// palette would band the smooth result), and a WebP becomes JPEG when it
// is fully opaque and PNG when it has transparency (the standard library
// has no WebP encoder). Animated GIFs are kept as they are, frames and
// all. JPEG EXIF orientation is not applied.
package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Format is an image format this package understands.
type Format string

// The accepted formats.
const (
	PNG  Format = "png"
	JPEG Format = "jpeg"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// ContentType is the MIME type served for f.
func (f Format) ContentType() string { return "image/" + string(f) }

// Ext is the file extension (with the dot) used when storing f.
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// FormatForExt maps a stored file's extension back to its format.
func FormatForExt(ext string) (Format, bool) {
	for _, f := range []Format{PNG, JPEG, GIF, WebP} {
		if f.Ext() == ext {
			return f, true
		}
	}
	return "", false
}

// ErrUnsupported means the bytes are not a PNG, JPEG, GIF or WebP image
// this package can read.
var ErrUnsupported = errors.New("imaging: not a PNG, JPEG, GIF or WebP image")

// ErrTooManyPixels refuses images whose decoded size would be huge even
// though the file is small (a "decompression bomb").
var ErrTooManyPixels = errors.New("imaging: image has too many pixels")

// MaxPixels bounds width*height of an image that is decoded.
const MaxPixels = 50_000_000

// Sniff names the format of data by its magic bytes.
func Sniff(data []byte) (Format, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, true
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return JPEG, true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF, true
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, true
	}
	return "", false
}

// Image is a processed image ready to store.
type Image struct {
	Data          []byte
	Format        Format
	Width, Height int
	Resized       bool // true when Data was scaled down from the original
}

// Process checks that data is an image this package accepts and returns it
// unchanged when it is at most maxWidth pixels wide, or scaled down to
// maxWidth (aspect kept) otherwise. Animated GIFs are never scaled.
func Process(data []byte, maxWidth int) (*Image, error) {
	f, ok := Sniff(data)
	if !ok {
		return nil, ErrUnsupported
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: empty image", ErrUnsupported)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, ErrTooManyPixels
	}
	out := &Image{Data: data, Format: f, Width: cfg.Width, Height: cfg.Height}
	if cfg.Width <= maxWidth {
		return out, nil
	}
	var src image.Image
	if f == GIF {
		// DecodeAll is needed to tell animation apart; its first frame is
		// what gif.Decode would return, so the GIF is decoded only once.
		g, err := gif.DecodeAll(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
		}
		if len(g.Image) > 1 {
			return out, nil // animated: keep every frame as is
		}
		src = g.Image[0]
	} else if src, err = decode(f, data); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	b := src.Bounds()
	h := max(1, (b.Dy()*maxWidth+b.Dx()/2)/b.Dx())
	dst := image.NewNRGBA(image.Rect(0, 0, maxWidth, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	target := PNG
	switch {
	case f == JPEG:
		target = JPEG
	case f == WebP && dst.Opaque():
		target = JPEG
	}
	var buf bytes.Buffer
	if target == JPEG {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 90})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, fmt.Errorf("imaging: encode %s: %w", target, err)
	}
	return &Image{Data: buf.Bytes(), Format: target, Width: maxWidth, Height: h, Resized: true}, nil
}

func decodeConfig(f Format, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch f {
	case PNG:
		return png.DecodeConfig(r)
	case JPEG:
		return jpeg.DecodeConfig(r)
	case GIF:
		return gif.DecodeConfig(r)
	default:
		return webp.DecodeConfig(r)
	}
}

// decode reads a PNG, JPEG or WebP; Process decodes GIFs itself, since
// it needs every frame to see whether one is animated.
func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	switch f {
	case PNG:
		return png.Decode(r)
	case JPEG:
		return jpeg.Decode(r)
	default:
		return webp.Decode(r)
	}
}

// Pixels reads only the header of an image and returns width*height, so a
// caller can bound the memory that decoding a set of images would take
// before decoding any of them. Data that is not an accepted image is
// ErrUnsupported.
func Pixels(data []byte) (int64, error) {
	f, ok := Sniff(data)
	if !ok {
		return 0, ErrUnsupported
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return int64(cfg.Width) * int64(cfg.Height), nil
}
