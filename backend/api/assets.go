package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/opencodelabs/desktop/backend/precompress"
)

// asset is one static file of the web apps with its compressed forms
// (nil when absent or not worth it). The apps are a few hundred KB, held in
// memory once at start-up.
type asset struct {
	body, gz, br []byte
	ctype        string
	etag         string // of body; the compressed forms add -gz / -br inside the quotes
}

// assetIndex maps slash paths of the apps' file system ("assets/x.js") to
// their assets.
type assetIndex map[string]*asset

// loadAssets reads every file of fsys. The .gz and .br siblings written by
// `make frontend` (backend/cmd/precompress) become the compressed forms of
// their file; a compressible file built without them is gzipped here, so
// a bare `npm run build` still serves gzip.
func loadAssets(fsys fs.FS) (assetIndex, error) {
	idx := assetIndex{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, precompress.GzipExt) || strings.HasSuffix(p, precompress.BrotliExt) {
			return nil
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
		a.ctype = mime.TypeByExtension(path.Ext(p))
		if a.ctype == "" {
			a.ctype = http.DetectContentType(body)
		}
		if precompress.Compressible(p) && len(body) >= precompress.MinSize {
			a.gz = sibling(fsys, p+precompress.GzipExt, len(body))
			a.br = sibling(fsys, p+precompress.BrotliExt, len(body))
			if a.gz == nil {
				if gz := precompress.Gzip(body); precompress.Worth(len(body), len(gz)) {
					a.gz = gz
				}
			}
		}
		idx[p] = a
		return nil
	})
	return idx, err
}

// sibling reads a precompressed form, or nil when it is missing or not smaller.
func sibling(fsys fs.FS, p string, size int) []byte {
	b, err := fs.ReadFile(fsys, p)
	if err != nil || !precompress.Worth(size, len(b)) {
		return nil
	}
	return b
}

// serve writes the asset in the best encoding the client accepts, with a
// per-encoding ETag and Content-Length, answering If-None-Match with 304.
// A Range request gets the identity bytes through http.ServeContent.
func (a *asset) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", cacheControl)
	if a.gz != nil || a.br != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	body, coding, etag := a.body, "", a.etag
	if r.Header.Get("Range") == "" {
		ae := r.Header.Get("Accept-Encoding")
		switch {
		case a.br != nil && accepts(ae, "br"):
			body, coding, etag = a.br, "br", a.etag[:len(a.etag)-1]+`-br"`
		case a.gz != nil && accepts(ae, "gzip"):
			body, coding, etag = a.gz, "gzip", a.etag[:len(a.etag)-1]+`-gz"`
		}
	}
	h.Set("ETag", etag)
	if coding == "" {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
		return
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatches(inm, etag) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Encoding", coding)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// accepts reports whether an Accept-Encoding header allows coding (or *)
// with a non-zero quality.
func accepts(header, coding string) bool {
	star := false
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		ok := qualityNonZero(params)
		switch {
		case strings.EqualFold(name, coding):
			return ok
		case name == "*":
			star = ok
		}
	}
	return star
}

func qualityNonZero(params string) bool {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q > 0
		}
	}
	return true
}

// etagMatches applies If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
