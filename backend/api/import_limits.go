package api

import (
	"context"
	"net/http"
	"runtime/debug"

	"github.com/opencodelabs/desktop/backend/imaging"
	"github.com/opencodelabs/desktop/backend/importer"
)

// maxImportPixels bounds the pixels of all images in one import together:
// decoding takes about 4 bytes a pixel, so this keeps an import under
// ~400 MB however the pixels are spread over images (issue #8: 20 PNGs of
// 49 megapixels each took 1.4 GB).
const maxImportPixels = 100_000_000

// checkImportPixels reads only the headers of the import's images and
// refuses the whole import when their pixels add up to more than
// maxImportPixels, before anything is decoded or stored. Files that are
// not images are left for saveImage to report.
func checkImportPixels(assets []importer.Asset) (int64, error) {
	var total int64
	for _, as := range assets {
		n, err := imaging.Pixels(as.Data)
		if err != nil {
			continue
		}
		total += n
		if total > maxImportPixels {
			return 0, Errorf(http.StatusRequestEntityTooLarge, "import_too_many_pixels",
				"The images of this import add up to more than %d megapixels (%s pushes it over); shrink them and import again.",
				maxImportPixels/1_000_000, as.Path)
		}
	}
	return total, nil
}

// releaseImageMemory gives the memory of decoded images back to the OS
// after an import with many pixels (wide ones were decoded to be resized), so one big import does
// not leave the process hundreds of MB larger for the rest of the workshop.
func releaseImageMemory(pixels int64) {
	if pixels > 8_000_000 {
		debug.FreeOSMemory()
	}
}

// releaseAfterImage frees a big image's decoded pixels before the next one
// is decoded, so an import peaks at about one image's memory rather than
// the sum of all of them plus the garbage collector's headroom.
func releaseAfterImage(data []byte) {
	if n, err := imaging.Pixels(data); err == nil {
		releaseImageMemory(n)
	}
}

// imageImports lets one import decode images at a time: four parallel
// imports of big images used to add up to 4.8 GB (issue #8). Others wait
// their turn, or give up when their client does.
var imageImports = make(chan struct{}, 1)

// acquireImageImport waits for the image decoding turn; release with
// releaseImageImport.
func acquireImageImport(ctx context.Context) error {
	select {
	case imageImports <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func releaseImageImport() { <-imageImports }
