//go:build desktop

package app

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// The window cannot save blobs or pick files the way a browser does, so
// these bindings use native dialogs and then talk to the server like any
// admin client, over loopback with the admin token.

var dialogClient = &http.Client{Timeout: 10 * time.Minute}

// SaveDownload downloads apiPath (an admin GET such as /api/admin/backup),
// asks where to save it — suggesting the server's file name when it gives
// one — and writes it there. It returns the saved path, or "" when the user
// cancelled.
func (b *App) SaveDownload(apiPath, suggestedName string) (string, error) {
	if !strings.HasPrefix(apiPath, "/api/") {
		return "", fmt.Errorf("not an API path: %q", apiPath)
	}
	req, _ := http.NewRequest(http.MethodGet, b.srv.APIBase()+apiPath, nil)
	req.Header.Set("Authorization", "Bearer "+b.srv.AdminToken())
	resp, err := dialogClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return "", fmt.Errorf("download failed: %s", bytes.TrimSpace(body))
	}
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		suggestedName = filepath.Base(params["filename"])
	}
	path, err := runtime.SaveFileDialog(b.ctx, runtime.SaveDialogOptions{
		Title: "Save " + suggestedName, DefaultFilename: suggestedName, CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return "", fmt.Errorf("save: %w", err)
	}
	_, err = io.Copy(f, resp.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("save: %w", err)
	}
	return path, os.Rename(tmp, path)
}

// UploadFile lets the user pick a file (patterns like "*.zip;*.md") and
// posts it as the multipart field "file" to apiPath. It returns the
// server's JSON body (also for errors, which carry {"error":...}), or ""
// when the user cancelled.
func (b *App) UploadFile(apiPath, title, patterns string) (string, error) {
	if !strings.HasPrefix(apiPath, "/api/") {
		return "", fmt.Errorf("not an API path: %q", apiPath)
	}
	opts := runtime.OpenDialogOptions{Title: title}
	if patterns != "" {
		opts.Filters = []runtime.FileFilter{{DisplayName: patterns, Pattern: patterns}}
	}
	path, err := runtime.OpenFileDialog(b.ctx, opts)
	if err != nil || path == "" {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("file", filepath.Base(path))
		if err == nil {
			_, err = io.Copy(part, f)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest(http.MethodPost, b.srv.APIBase()+apiPath, pr)
	req.Header.Set("Authorization", "Bearer "+b.srv.AdminToken())
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := dialogClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("upload: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return string(body), err
}
