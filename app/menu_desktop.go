//go:build desktop

package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/opencodelabs/desktop/backend/server"
)

// windowShell implements the menu's actions and the window's memory of its
// geometry with the Wails runtime. Its ctx is the one Wails gives OnStartup.
type windowShell struct {
	ctx     context.Context
	dataDir string
	docs    *docsServer

	mu         sync.Mutex
	lang       string   // the menu's language: the OS's, then the app's (menu_language.go)
	words      menuText // its labels and dialog texts
	zoom       float64
	state      windowState // the last saved or restored geometry
	positioned bool        // the saved position was applied (once: not again on reload)
}

func newWindowShell(dataDir string, log *slog.Logger) *windowShell {
	lang := startMenuLanguage(osLanguages(), os.Getenv)
	return &windowShell{dataDir: dataDir, docs: &docsServer{fsys: HelpDocs, log: log}, zoom: 1,
		state: loadWindowState(dataDir), lang: lang, words: menuWords(lang)}
}

// setLanguage rebuilds the application menu in lang, if it changed.
func (w *windowShell) setLanguage(lang string) {
	w.mu.Lock()
	if lang == w.lang || w.ctx == nil {
		w.mu.Unlock()
		return
	}
	w.lang, w.words = lang, menuWords(lang)
	words := w.words
	w.mu.Unlock()
	wailsruntime.MenuSetApplicationMenu(w.ctx, buildMenuIn(runtime.GOOS, words, w))
	wailsruntime.MenuUpdateApplicationMenu(w.ctx)
}

// text is the current words, for the dialogs.
func (w *windowShell) text() menuText {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.words
}

// apply adds the menu, the remembered geometry, the icon and the close hook
// to the window's options, keeping any OnStartup already set.
func (w *windowShell) apply(o *options.App) {
	o.Menu = buildMenuIn(runtime.GOOS, w.text(), w)
	o.Width, o.Height = w.state.Width, w.state.Height
	if w.state.Maximised {
		o.WindowStartState = options.Maximised
	}
	startup := o.OnStartup
	o.OnStartup = func(ctx context.Context) {
		w.ctx = ctx
		if startup != nil {
			startup(ctx)
		}
	}
	o.OnDomReady = w.domReady
	o.OnBeforeClose = w.beforeClose
	o.Linux = &linux.Options{Icon: Icon, ProgramName: "opencodelabs"}
	o.Mac = &mac.Options{About: &mac.AboutInfo{Title: "Open Codelabs", Message: server.VersionLine(), Icon: Icon}}
}

// close stops the help server, if Help opened it.
func (w *windowShell) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	w.docs.Close(ctx)
}

func (w *windowShell) About() {
	wailsruntime.MessageDialog(w.ctx, wailsruntime.MessageDialogOptions{
		Type:    wailsruntime.InfoDialog,
		Title:   w.text().AboutTitle,
		Message: server.VersionLine() + "\n\n" + w.text().AboutMessage,
	})
}

// Quit goes through Wails' close path, so beforeClose saves the geometry.
func (w *windowShell) Quit() { wailsruntime.Quit(w.ctx) }

func (w *windowShell) EditCommand(cmd string) {
	// cmd comes from our own fixed list (editCommands), never from the page.
	wailsruntime.WindowExecJS(w.ctx, fmt.Sprintf("document.execCommand(%q)", cmd))
}

func (w *windowShell) Reload() { wailsruntime.WindowReloadApp(w.ctx) }

func (w *windowShell) Zoom(step int) {
	w.mu.Lock()
	w.zoom = nextZoom(w.zoom, step)
	z := w.zoom
	w.mu.Unlock()
	wailsruntime.WindowExecJS(w.ctx, fmt.Sprintf("document.documentElement.style.zoom=%q", fmt.Sprint(z)))
}

func (w *windowShell) ToggleFullscreen() {
	if wailsruntime.WindowIsFullscreen(w.ctx) {
		wailsruntime.WindowUnfullscreen(w.ctx)
	} else {
		wailsruntime.WindowFullscreen(w.ctx)
	}
}

func (w *windowShell) Minimise()       { wailsruntime.WindowMinimise(w.ctx) }
func (w *windowShell) ToggleMaximise() { wailsruntime.WindowToggleMaximise(w.ctx) }

func (w *windowShell) OpenDocs() {
	url, err := w.docs.URL()
	if err != nil {
		wailsruntime.MessageDialog(w.ctx, wailsruntime.MessageDialogOptions{
			Type: wailsruntime.ErrorDialog, Title: w.text().DocsTitle, Message: err.Error(),
		})
		return
	}
	wailsruntime.BrowserOpenURL(w.ctx, url)
}

// domReady restores the saved position on the first load (the size is
// given to Wails at creation) and re-applies the zoom after a reload.
func (w *windowShell) domReady(ctx context.Context) {
	w.mu.Lock()
	s, z, first := w.state, w.zoom, !w.positioned
	w.positioned = true
	w.mu.Unlock()
	if first && s.HasPosition && !s.Maximised {
		wailsruntime.WindowSetPosition(ctx, s.X, s.Y)
	}
	if z != 1 {
		wailsruntime.WindowExecJS(ctx, fmt.Sprintf("document.documentElement.style.zoom=%q", fmt.Sprint(z)))
	}
}

// saveGeometry writes the window's size and position to the data dir.
func (w *windowShell) saveGeometry() {
	if w.ctx == nil || wailsruntime.WindowIsMinimised(w.ctx) || wailsruntime.WindowIsFullscreen(w.ctx) {
		return
	}
	maximised := wailsruntime.WindowIsMaximised(w.ctx)
	x, y := wailsruntime.WindowGetPosition(w.ctx)
	width, height := wailsruntime.WindowGetSize(w.ctx)
	w.mu.Lock()
	defer w.mu.Unlock()
	next := closingState(w.state, maximised, x, y, width, height)
	if saveWindowState(w.dataDir, next) == nil {
		w.state = next
	}
}

// beforeClose saves the geometry and lets the window close.
func (w *windowShell) beforeClose(context.Context) (prevent bool) {
	w.saveGeometry()
	return false
}
