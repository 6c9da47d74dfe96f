//go:build desktop

package app

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/opencodelabs/desktop/backend/server"
)

// hasWindow is true in the desktop build; --headless still runs only the server.
const hasWindow = true

// runWindow opens the facilitator window and blocks until it closes. The
// window is just a loopback client of the server: it gets the admin token
// through the AdminSession binding, never from a file.
func runWindow(ctx context.Context, srv *server.Server, assets fs.FS, log *slog.Logger) error {
	b := &App{srv: srv, log: log}
	return wails.Run(&options.App{
		Title:     "Open Codelabs",
		Width:     1280,
		Height:    820,
		MinWidth:  800,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: adminStartPage,
		},
		OnStartup: func(wctx context.Context) {
			b.ctx = wctx
			// Quit the window cleanly on SIGINT/SIGTERM so the server shuts down too.
			go func() {
				<-ctx.Done()
				runtime.Quit(wctx)
			}()
		},
		Bind: []interface{}{b},
	})
}

// adminStartPage makes the window open the facilitator app: Wails loads "/",
// which in the browser is the attendee app.
func adminStartPage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			r.URL.Path = "/admin/index.html"
		}
		next.ServeHTTP(w, r)
	})
}
