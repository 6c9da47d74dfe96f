package api

import (
	"net/http"
	"path"
	"strings"
)

const placeholderPage = `<!doctype html><meta charset="utf-8"><title>Open Codelabs</title>
<p>The web app is not built into this binary. Run <code>make build</code> (or <code>npm run build</code> in frontend/) and rebuild.</p>`

// static serves the built single-page apps: the attendee app at / and the
// facilitator app at /admin/. Unknown paths fall back to the app's
// index.html so client-side routes survive a reload.
func (a *API) static() http.Handler {
	idx := assetIndex{}
	if a.Assets != nil {
		var err error
		if idx, err = loadAssets(a.Assets); err != nil {
			a.log.Error("reading the web apps' files", "err", err)
		}
	}
	placeholder := &asset{body: []byte(placeholderPage), ctype: "text/html; charset=utf-8", etag: `"placeholder"`}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			a.writeError(w, r, Errorf(http.StatusMethodNotAllowed, "method_not_allowed", "Only GET is allowed here."))
			return
		}
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if r.URL.Path == "/admin" {
			http.Redirect(w, r, "/admin/", http.StatusMovedPermanently)
			return
		}
		if p != "" && !strings.HasSuffix(r.URL.Path, "/") {
			if f := idx[p]; f != nil {
				cache := "no-cache" // revalidated by ETag
				if strings.HasPrefix(p, "assets/") {
					// Vite names these by content hash, so they never change.
					cache = "public, max-age=31536000, immutable"
				}
				f.serve(w, r, cache)
				return
			}
			if strings.HasPrefix(p, "assets/") || path.Ext(p) != "" {
				a.writeError(w, r, notFound("The file"))
				return
			}
		}
		index := "index.html"
		if p == "admin" || strings.HasPrefix(p, "admin/") {
			index = "admin/index.html"
		}
		page := idx[index]
		if page == nil {
			page = placeholder
		}
		// no-cache: the browser revalidates with the ETag, so a new build
		// (new hashed script names) is picked up on the next load.
		page.serve(w, r, "no-cache")
	})
}
