//go:build desktop

package app

import (
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// SaveDownload downloads apiPath (an admin GET such as /api/admin/backup),
// asks where to save it — suggesting the server's file name when it gives
// one — and writes it there. It returns the saved path, or "" when the user
// cancelled.
func (b *App) SaveDownload(apiPath, suggestedName string) (string, error) {
	resp, name, err := b.startDownload(apiPath)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if name != "" {
		suggestedName = name
	}
	path, err := runtime.SaveFileDialog(b.ctx, runtime.SaveDialogOptions{
		Title: "Save " + suggestedName, DefaultFilename: suggestedName, CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	return path, saveBody(resp.Body, path)
}

// UploadFile lets the user pick a file (patterns like "*.zip;*.md") and
// posts it to apiPath. It returns the server's JSON body, or "" when the
// user cancelled.
func (b *App) UploadFile(apiPath, title, patterns string) (string, error) {
	opts := runtime.OpenDialogOptions{Title: title}
	if patterns != "" {
		opts.Filters = []runtime.FileFilter{{DisplayName: patterns, Pattern: patterns}}
	}
	path, err := runtime.OpenFileDialog(b.ctx, opts)
	if err != nil || path == "" {
		return "", err
	}
	return b.uploadFrom(apiPath, path)
}
