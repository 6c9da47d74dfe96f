package api

import (
	"html/template"
	"net/http"
	"strings"
)

// shortLinkRoutes serves the join screen's typed links: GET /c/{code}
// redirects to the codelab in the attendee app (issue #9: the long hash URL
// wrapped mid-word on the projector and was hard to type).
func (a *API) shortLinkRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /c/{code}", a.wrap(a.shortLink))
}

var unknownCodePage = template.Must(template.New("unknown").Parse(`<!doctype html>
<html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Unknown codelab link</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:32rem;margin:12vh auto;padding:0 1.5rem;color:#202124}
@media (prefers-color-scheme:dark){body{background:#131314;color:#e8eaed}a{color:#8ab4f8}}code{font-size:1.2em}</style>
<h1>No codelab has the code <code>{{.}}</code></h1>
<p>Check the letters on the screen (they never include 0, O, 1, I or L) and type the address again.</p>
<p><a href="/">See all codelabs</a></p></html>`))

// shortLink is GET /c/{code}: 302 to /#/codelabs/ID. An unknown code is a 404:
// a short HTML page for browsers, the JSON error for everything else.
func (a *API) shortLink(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("code")
	id := ""
	if code, ok := normalizeShortCode(raw); ok {
		idx, err := a.shortIndex(r.Context())
		if err != nil {
			return err
		}
		id = idx.resolve(code)
	}
	if id == "" {
		if strings.Contains(r.Header.Get("Accept"), "text/html") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.WriteHeader(http.StatusNotFound)
			return unknownCodePage.Execute(w, raw)
		}
		return Errorf(http.StatusNotFound, "unknown_short_code", "No codelab has the code %q.", raw)
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.Redirect(w, r, "/#/codelabs/"+id, http.StatusFound)
	return nil
}

// shortURL points a server URL (http://host:port/) at a codelab's short link.
func shortURL(base, code string) string {
	return strings.TrimSuffix(base, "/") + "/c/" + code
}
