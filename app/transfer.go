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
)

// The window cannot save blobs or pick files the way a browser does, so its
// bindings use native dialogs (dialogs_desktop.go) and then talk to the
// server like any admin client, over loopback with the admin token. The
// HTTP half lives here, without the dialogs, so it is tested headless.

var transferClient = &http.Client{Timeout: 10 * time.Minute}

// startDownload GETs an admin API path. On success the caller owns the
// response body; name is the server's suggested file name, if any.
func (b *App) startDownload(apiPath string) (resp *http.Response, name string, err error) {
	if !strings.HasPrefix(apiPath, "/api/") {
		return nil, "", fmt.Errorf("not an API path: %q", apiPath)
	}
	req, _ := http.NewRequest(http.MethodGet, b.srv.APIBase()+apiPath, nil)
	req.Header.Set("Authorization", "Bearer "+b.srv.AdminToken())
	resp, err = transferClient.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("download: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return nil, "", fmt.Errorf("download failed: %s", bytes.TrimSpace(body))
	}
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = filepath.Base(params["filename"])
	}
	return resp, name, nil
}

// saveBody writes r to path through a temporary file, so a failed or
// interrupted download never leaves a half file under the chosen name.
func saveBody(r io.Reader, path string) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save: %w", err)
	}
	return os.Rename(tmp, path)
}

// uploadFrom posts the file at path as the multipart field "file" to an
// admin API path and returns the server's JSON body (errors included, as
// {"error":...}: the UI shows their message).
func (b *App) uploadFrom(apiPath, path string) (string, error) {
	if !strings.HasPrefix(apiPath, "/api/") {
		return "", fmt.Errorf("not an API path: %q", apiPath)
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
	resp, err := transferClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("upload: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return string(body), err
}
