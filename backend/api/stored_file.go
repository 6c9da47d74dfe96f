package api

import (
	"fmt"
	"net/http"
	"os"
)

// serveStoredFile sends a file the server keeps (an image upload, a material,
// a submission) with ranges and If-Modified-Since answered by
// http.ServeContent. It is never sniffed and runs sandboxed, so a hostile
// file can run nothing on our origin. disposition is empty to show the file
// inline; what names the file in errors.
func serveStoredFile(w http.ResponseWriter, r *http.Request, f *os.File, what, contentType, disposition, cacheControl string) error {
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("api: stat %s: %w", what, err)
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	if disposition != "" {
		h.Set("Content-Disposition", disposition)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", cacheControl)
	http.ServeContent(w, r, "", st.ModTime(), f)
	return nil
}
