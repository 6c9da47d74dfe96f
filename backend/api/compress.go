package api

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"
)

// compressJSON gzips the API's JSON responses of at least 1 KB on the fly
// (pooled writers, klauspost/compress/gzhttp). It leaves alone:
// WebSocket upgrades (the socket is hijacked; frames stay uncompressed),
// everything that is not JSON (zips, images, uploads), material downloads
// (http.ServeContent with ranges, whatever their type) and responses that
// already carry a Content-Encoding. Static files are precompressed
// (assets.go) and never pass through here.
func compressJSON(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.MinSize(1024),
		gzhttp.ContentTypes([]string{"application/json"}),
		gzhttp.CompressionLevel(gzip.DefaultCompression),
		gzhttp.EnableZstd(false),
	)
	if err != nil {
		panic(err) // the options above are constant and valid
	}
	gz := wrap(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") || strings.HasSuffix(r.URL.Path, "/download") ||
			r.Header.Get("Upgrade") != "" {
			next.ServeHTTP(w, r)
			return
		}
		gz.ServeHTTP(w, r)
	})
}
