//go:build desktop

package app

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/server"
)

// hasWindow is true in the desktop build; --headless still runs only the server.
const hasWindow = true

// runWindow opens the facilitator window and blocks until it closes. The
// window is just a loopback client of the server: it gets the admin token
// through the AdminSession binding, never from a file.
func runWindow(ctx context.Context, srv *server.Server, assets fs.FS, log *slog.Logger) error {
	b := &App{srv: srv, log: log}
	shell := newWindowShell(srv.DataDir(), log) // menu, geometry, icon: menu_desktop.go
	defer shell.close()
	b.menuLanguage = shell.setLanguage
	opts := &options.App{
		Title:     "Open Codelabs",
		Width:     1280,
		Height:    820,
		MinWidth:  800,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: windowRoutes(srv),
		},
		// Wails quits the window itself on SIGINT/SIGTERM; wails.Run then
		// returns and Run shuts the server down. A second Quit from here
		// would race it inside GTK (gtk_main_quit twice crashes).
		OnStartup:          b.startup,
		Bind:               []interface{}{b},
		SingleInstanceLock: b.singleInstance(srv.DataDir()),
	}
	shell.apply(opts)
	return wails.Run(opts)
}

// windowRoutes adapts Wails' asset server to the window: "/" opens the
// facilitator app (in a browser "/" is the attendee app), and uploaded
// images, which markdown references relatively, come from the server.
func windowRoutes(srv *server.Server) assetserver.Middleware {
	target, _ := url.Parse(srv.APIBase())
	proxy := httputil.NewSingleHostReverseProxy(target)
	direct := proxy.Director
	proxy.Director = func(r *http.Request) {
		direct(r)
		r.Host = target.Host // the server answers only its own names (Host check)
	}
	csp := windowCSP(srv.APIBase())
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("Referrer-Policy", "no-referrer")
			switch p := r.URL.Path; {
			case p == "/" || p == "/index.html":
				r.URL.Path = "/admin/index.html"
			case strings.HasPrefix(p, "/uploads/") || strings.HasPrefix(p, "/admin/uploads/"):
				proxy.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// windowCSP is the apps' policy (api.PagePolicy) for the window's pages,
// which Wails' asset server serves: it also lets them reach the server on
// loopback, and Wails' own runtime scripts are same-origin.
func windowCSP(apiBase string) string {
	ws := "ws" + strings.TrimPrefix(apiBase, "http")
	return api.PagePolicy(apiBase+" "+ws, apiBase)
}
