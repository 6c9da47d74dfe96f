package api

import (
	"net/http"
	"strings"
)

// PagePolicy is the Content-Security-Policy of both apps' pages:
// everything from this server, nothing from outside. connect and img are
// extra sources (space-separated, may be empty) for connect-src and
// img-src. Inline styles are allowed because Svelte's transitions insert
// <style> elements for their keyframes and style: directives may write
// style attributes; scripts are never inline and never evaluated. data:
// and blob: images are the favicon, the QR code and image previews.
func PagePolicy(connect, img string) string {
	return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data: blob:" + pad(img) + "; font-src 'self' data:; connect-src 'self'" + pad(connect) +
		"; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

func pad(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// dataCSP is the policy of every other response (JSON, uploads, material
// downloads): nothing may run or load, even if a file is opened directly.
const dataCSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

// securityHeaders sets the headers every response carries.
func securityHeaders(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if isPage(r.URL.Path) {
		h.Set("Content-Security-Policy", PagePolicy(wsSources(r.Host), ""))
	} else {
		h.Set("Content-Security-Policy", dataCSP)
	}
}

// isPage reports whether path is served by the apps' file server (pages,
// scripts, styles) rather than the API or stored files.
func isPage(path string) bool {
	for _, p := range []string{"/api/", "/ws", "/uploads/", "/admin/uploads/"} {
		if strings.HasPrefix(path, p) {
			return false
		}
	}
	return true
}

// wsSources names this host's WebSocket URLs for connect-src: older
// WebKit versions do not count ws: as 'self'. host has passed the host
// check; it is used only when it is a plain host[:port].
func wsSources(host string) string {
	if host == "" || strings.ContainsFunc(host, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]", c))
	}) {
		return ""
	}
	return "ws://" + host + " wss://" + host
}
