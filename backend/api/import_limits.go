package api

import (
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
