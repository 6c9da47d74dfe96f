package app

import (
	"context"
	"log/slog"

	"github.com/opencodelabs/desktop/backend/server"
)

// App holds the Go methods the desktop window may call (window.go.app.App).
// In the headless build nothing binds them, but they compile everywhere so
// they can be tested.
type App struct {
	srv *server.Server
	log *slog.Logger
	ctx context.Context

	menuLanguage func(lang string) // rebuilds the native menu (desktop build: windowShell.setLanguage)
}

// Session is what the window needs to talk to the server.
type Session struct {
	Token   string `json:"token"`
	APIBase string `json:"api_base"`
	Name    string `json:"name"`
}

// AdminSession hands the admin token and the loopback API base to the window.
func (b *App) AdminSession() Session {
	return Session{Token: b.srv.AdminToken(), APIBase: b.srv.APIBase(), Name: b.srv.Name()}
}

// startup keeps the Wails context the dialogs need. Passed as a method
// value, so Wails does not expose it to JavaScript.
func (b *App) startup(ctx context.Context) { b.ctx = ctx }

// UIReady is called by the admin UI once mounted; the smoke test waits for
// this log line.
func (b *App) UIReady(href string) {
	b.log.Info("ui ready", "href", href)
}
