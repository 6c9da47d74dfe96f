package app

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/opencodelabs/desktop/backend/markdown"
)

// Help → Documentation opens the docs bundled in the binary (README.md and
// docs/, embedded by the main package into HelpDocs) in the user's browser,
// offline: a small server on a loopback port of its own, started on the
// first click, renders the markdown with the app's renderer (raw HTML
// escaped). It is separate from the workshop server so it never shows up on
// the LAN and never touches the API.

// HelpDocs is the documentation tree (README.md at its root, docs/*.md and
// the screenshots under docs/). Set by package main; nil means no docs.
var HelpDocs fs.FS

var docsPage = template.Must(template.New("doc").Funcs(template.FuncMap{"title": docTitle}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — Open Codelabs help</title><link rel="stylesheet" href="/_help.css"></head>
<body><nav><a href="/">Open Codelabs</a>{{range .Nav}} · <a href="/{{.}}">{{title .}}</a>{{end}}</nav>
<main>{{.Body}}</main></body></html>`))

const docsCSS = `body{font:16px/1.55 system-ui,sans-serif;max-width:56rem;margin:0 auto;padding:1rem 1.5rem;color:#1d2125;background:#fff}
nav{font-size:.9rem;padding:.5rem 0 1rem;border-bottom:1px solid #ddd}
a{color:#0b57d0}img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem}
pre{background:#f4f4f4;padding:.75rem;overflow:auto}code{font-family:ui-monospace,monospace;font-size:.9em}
@media (prefers-color-scheme:dark){body{background:#16181b;color:#e6e6e6}a{color:#8ab4f8}pre{background:#22252a}nav{border-color:#333}td,th{border-color:#444}}`

// docTitle is "api" for "docs/api.md".
func docTitle(name string) string { return strings.TrimSuffix(path.Base(name), ".md") }

// docsHandler serves fsys: "/" is README.md, *.md pages are rendered, images
// are served as they are, anything else is 404.
func docsHandler(fsys fs.FS, md *markdown.Renderer) http.Handler {
	nav, _ := fs.Glob(fsys, "docs/*.md")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		switch name {
		case "", ".":
			name = "README.md"
		case "_help.css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			fmt.Fprint(w, docsCSS)
			return
		}
		if !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(name) {
		case ".md":
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			body, err := md.Render(string(src))
			if err != nil {
				http.Error(w, "cannot render this page", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_ = docsPage.Execute(w, struct { // an error here is the browser gone away
				Title string
				Nav   []string
				Body  template.HTML // server-rendered markdown, raw HTML escaped
			}{docTitle(name), nav, template.HTML(body)})
		case ".png", ".jpg", ".svg":
			http.ServeFileFS(w, r, fsys, name) //nolint:gosec // name passed fs.ValidPath; fsys is the embedded docs
		default:
			http.NotFound(w, r)
		}
	})
}

// docsServer is the lazily started loopback help server.
type docsServer struct {
	mu   sync.Mutex
	url  string
	srv  *http.Server
	fsys fs.FS
	log  *slog.Logger
}

// URL starts the server on the first call and returns its base URL.
func (d *docsServer) URL() (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.url != "" {
		return d.url, nil
	}
	if d.fsys == nil {
		return "", errors.New("this build has no bundled documentation")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("help server: %w", err)
	}
	d.srv = &http.Server{Handler: docsHandler(d.fsys, markdown.New()), ReadHeaderTimeout: 10 * time.Second}
	srv, log := d.srv, d.log
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && log != nil {
			log.Error("help server stopped", "err", err)
		}
	}()
	d.url = "http://" + ln.Addr().String() + "/"
	if d.log != nil {
		d.log.Info("help server", "url", d.url)
	}
	return d.url, nil
}

// Close stops the server if it was started.
func (d *docsServer) Close(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.srv == nil {
		return nil
	}
	err := d.srv.Shutdown(ctx)
	d.srv, d.url = nil, ""
	return err
}

// Icon is the app icon (build/appicon.png), set by package main; the window
// shows it in the title bar and task bar on Linux.
var Icon []byte
