package app

import (
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
)

// The application menu. Its description is built here, without the desktop
// tag, so a plain `go test ./app` checks it; menu_desktop.go supplies the
// actions through the Wails runtime. Wails' menu package is plain Go.

// menuActions is what the menu items do.
type menuActions interface {
	About()
	Quit()
	EditCommand(cmd string) // a document.execCommand name: undo, redo, cut, copy, paste, selectAll
	Reload()
	Zoom(step int) // +1 in, -1 out, 0 reset
	ToggleFullscreen()
	Minimise()
	ToggleMaximise()
	OpenDocs()
}

// editCommands are the Edit menu's items in order: the label from the
// language's words, and the page command it runs.
var editCommands = []struct {
	label func(menuText) string
	cmd   string
}{
	{func(w menuText) string { return w.Undo }, "undo"},
	{func(w menuText) string { return w.Redo }, "redo"},
	{func(w menuText) string { return w.Cut }, "cut"},
	{func(w menuText) string { return w.Copy }, "copy"},
	{func(w menuText) string { return w.Paste }, "paste"},
	{func(w menuText) string { return w.SelectAll }, "selectAll"},
}

// buildMenu returns the English menu for goos (runtime.GOOS in the app).
func buildMenu(goos string, do menuActions) *menu.Menu {
	return buildMenuIn(goos, menuWords("en"), do)
}

// buildMenuIn returns the menu for goos with the words w (menu_i18n.go).
//
// Edit: on macOS a web view's text fields get ⌘C/⌘V only through an Edit
// menu with the native roles, so macOS gets Wails' EditMenu role. On Linux
// and Windows the web view handles Ctrl+C/V/Z itself; a menu accelerator
// would take those keys away from it, so there the Edit items carry no
// accelerator and run the command in the page when clicked.
func buildMenuIn(goos string, w menuText, do menuActions) *menu.Menu {
	m := menu.NewMenu()

	app := m.AddSubmenu("Open Codelabs") // the product's name, in every language
	app.AddText(w.About, nil, func(*menu.CallbackData) { do.About() })
	app.AddSeparator()
	app.AddText(w.Quit, keys.CmdOrCtrl("q"), func(*menu.CallbackData) { do.Quit() })

	if goos == "darwin" {
		m.Append(menu.EditMenu())
	} else {
		edit := m.AddSubmenu(w.Edit)
		for i, c := range editCommands {
			if i == 2 {
				edit.AddSeparator()
			}
			cmd := c.cmd
			edit.AddText(c.label(w), nil, func(*menu.CallbackData) { do.EditCommand(cmd) })
		}
	}

	view := m.AddSubmenu(w.View)
	view.AddText(w.Reload, keys.CmdOrCtrl("r"), func(*menu.CallbackData) { do.Reload() })
	view.AddSeparator()
	view.AddText(w.ZoomIn, keys.CmdOrCtrl("="), func(*menu.CallbackData) { do.Zoom(+1) })
	view.AddText(w.ZoomOut, keys.CmdOrCtrl("-"), func(*menu.CallbackData) { do.Zoom(-1) })
	view.AddText(w.ActualSize, keys.CmdOrCtrl("0"), func(*menu.CallbackData) { do.Zoom(0) })
	view.AddSeparator()
	fullscreen := keys.Key("f11")
	if goos == "darwin" {
		fullscreen = keys.Combo("f", keys.CmdOrCtrlKey, keys.ControlKey)
	}
	view.AddText(w.Full, fullscreen, func(*menu.CallbackData) { do.ToggleFullscreen() })

	if goos == "darwin" {
		m.Append(menu.WindowMenu())
	} else {
		win := m.AddSubmenu(w.Window)
		win.AddText(w.Minimise, nil, func(*menu.CallbackData) { do.Minimise() })
		win.AddText(w.Maximise, nil, func(*menu.CallbackData) { do.ToggleMaximise() })
	}

	help := m.AddSubmenu(w.Help)
	help.AddText(w.Docs, keys.Key("f1"), func(*menu.CallbackData) { do.OpenDocs() })
	help.AddText(w.About, nil, func(*menu.CallbackData) { do.About() })
	return m
}

// zoomLevels are the page zoom steps, like a browser's.
var zoomLevels = []float64{0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2}

// nextZoom returns the zoom after a step (+1, -1, or 0 to reset) from z.
func nextZoom(z float64, step int) float64 {
	if step == 0 {
		return 1
	}
	i := 0
	for i < len(zoomLevels)-1 && zoomLevels[i] < z-0.001 {
		i++
	}
	switch {
	case step > 0 && zoomLevels[i] <= z+0.001 && i < len(zoomLevels)-1:
		i++
	case step < 0 && i > 0:
		i--
	}
	return zoomLevels[i]
}
