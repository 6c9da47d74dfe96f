package api

import (
	"io/fs"
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
	assets := a.Assets
	if assets == nil {
		assets = emptyFS{}
	}
	files := http.FileServerFS(assets)
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
			if st, err := fs.Stat(assets, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					// Vite names these by content hash, so they never change.
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
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
		body, err := fs.ReadFile(assets, index)
		if err != nil {
			body = []byte(placeholderPage)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(body)
	})
}

type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) { return nil, fs.ErrNotExist }
