package app

import (
	"slices"
	"testing"

	"github.com/wailsapp/wails/v2/pkg/menu"
)

// recorder is a menuActions that writes down what was asked of it.
type recorder struct{ calls []string }

func (r *recorder) About()               { r.calls = append(r.calls, "about") }
func (r *recorder) Quit()                { r.calls = append(r.calls, "quit") }
func (r *recorder) EditCommand(c string) { r.calls = append(r.calls, "edit:"+c) }
func (r *recorder) Reload()              { r.calls = append(r.calls, "reload") }
func (r *recorder) Zoom(step int) {
	r.calls = append(r.calls, map[int]string{1: "zoom+", -1: "zoom-", 0: "zoom0"}[step])
}
func (r *recorder) ToggleFullscreen() { r.calls = append(r.calls, "fullscreen") }
func (r *recorder) Minimise()         { r.calls = append(r.calls, "minimise") }
func (r *recorder) ToggleMaximise()   { r.calls = append(r.calls, "maximise") }
func (r *recorder) OpenDocs()         { r.calls = append(r.calls, "docs") }

func submenu(t *testing.T, m *menu.Menu, label string) *menu.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Type == menu.SubmenuType && it.Label == label {
			return it
		}
	}
	t.Fatalf("no %q menu", label)
	return nil
}

// click finds the item labelled label in sub and runs its callback.
func click(t *testing.T, sub *menu.MenuItem, label string) {
	t.Helper()
	for _, it := range sub.SubMenu.Items {
		if it.Label == label {
			if it.Click == nil {
				t.Fatalf("%s → %s has no action", sub.Label, label)
			}
			it.Click(&menu.CallbackData{MenuItem: it})
			return
		}
	}
	t.Fatalf("no %q in the %s menu", label, sub.Label)
}

func labels(sub *menu.MenuItem) []string {
	var out []string
	for _, it := range sub.SubMenu.Items {
		if it.Type != menu.SeparatorType {
			out = append(out, it.Label)
		}
	}
	return out
}

func TestMenuTopLevel(t *testing.T) {
	for _, goos := range []string{"linux", "windows", "darwin"} {
		m := buildMenu(goos, &recorder{})
		var top []string
		for _, it := range m.Items {
			switch {
			case it.Type == menu.SubmenuType:
				top = append(top, it.Label)
			case it.Role == menu.EditMenuRole:
				top = append(top, "Edit")
			case it.Role == menu.WindowMenuRole:
				top = append(top, "Window")
			}
		}
		want := []string{"Open Codelabs", "Edit", "View", "Window", "Help"}
		if !slices.Equal(top, want) {
			t.Errorf("%s: got menus %v, want %v", goos, top, want)
		}
	}
}

// On Linux and Windows the Edit items are ours and run the page's commands;
// none has an accelerator (the web view keeps Ctrl+C/V/Z).
func TestEditMenuItems(t *testing.T) {
	for _, goos := range []string{"linux", "windows"} {
		r := &recorder{}
		edit := submenu(t, buildMenu(goos, r), "Edit")
		want := []string{"Undo", "Redo", "Cut", "Copy", "Paste", "Select All"}
		if got := labels(edit); !slices.Equal(got, want) {
			t.Fatalf("%s: got Edit items %v, want %v", goos, got, want)
		}
		for _, l := range want {
			click(t, edit, l)
		}
		wantCalls := []string{"edit:undo", "edit:redo", "edit:cut", "edit:copy", "edit:paste", "edit:selectAll"}
		if !slices.Equal(r.calls, wantCalls) {
			t.Errorf("%s: got %v, want %v", goos, r.calls, wantCalls)
		}
		for _, it := range edit.SubMenu.Items {
			if it.Accelerator != nil {
				t.Errorf("%s: Edit → %s has accelerator %v; it would take the key from the web view", goos, it.Label, *it.Accelerator)
			}
		}
	}
}

// On macOS the Edit menu is the native role: the only way text fields in
// the web view get ⌘C/⌘V.
func TestEditMenuIsNativeRoleOnMac(t *testing.T) {
	m := buildMenu("darwin", &recorder{})
	for _, it := range m.Items {
		if it.Role == menu.EditMenuRole {
			return
		}
		if it.Label == "Edit" {
			t.Fatal("macOS Edit menu is a plain submenu; it must be menu.EditMenu() for ⌘C/⌘V")
		}
	}
	t.Fatal("no Edit menu on macOS")
}

func TestMenuActions(t *testing.T) {
	r := &recorder{}
	m := buildMenu("linux", r)
	click(t, submenu(t, m, "Open Codelabs"), "About Open Codelabs")
	click(t, submenu(t, m, "Open Codelabs"), "Quit Open Codelabs")
	view := submenu(t, m, "View")
	for _, l := range []string{"Reload", "Zoom In", "Zoom Out", "Actual Size", "Toggle Full Screen"} {
		click(t, view, l)
	}
	click(t, submenu(t, m, "Window"), "Minimise")
	click(t, submenu(t, m, "Help"), "Open Codelabs Documentation")
	want := []string{"about", "quit", "reload", "zoom+", "zoom-", "zoom0", "fullscreen", "minimise", "docs"}
	if !slices.Equal(r.calls, want) {
		t.Errorf("got %v, want %v", r.calls, want)
	}
}

func TestNextZoom(t *testing.T) {
	for _, c := range []struct {
		z    float64
		step int
		want float64
	}{
		{1, 1, 1.1}, {1, -1, 0.9}, {1.75, 0, 1}, {2, 1, 2}, {0.5, -1, 0.5}, {1.05, 1, 1.1}, {1.05, -1, 1},
	} {
		if got := nextZoom(c.z, c.step); got != c.want {
			t.Errorf("nextZoom(%v, %d) = %v, want %v", c.z, c.step, got, c.want)
		}
	}
}
