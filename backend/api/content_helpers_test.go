package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// contentEnv is the real API on a fresh SQLite file whose data dir (the
// database's directory) holds uploads/ and backups/.
type contentEnv struct {
	t   *testing.T
	h   http.Handler
	dir string
}

func newContentEnv(t *testing.T) *contentEnv {
	t.Helper()
	a, st := newAPI(t)
	return &contentEnv{t: t, h: a, dir: filepath.Dir(st.Path())}
}

// request sends one request as the admin (when admin) from loopback.
func (e *contentEnv) request(method, url, contentType string, body []byte, admin bool, header ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, url, bytes.NewReader(body))
	req.RemoteAddr = "127.0.0.1:5555"
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if admin {
		req.Header.Set("Authorization", "Bearer "+adminToken)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// form builds a multipart body with one file part and text fields.
func form(t *testing.T, filename string, data []byte, fields ...string) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType(), b.Bytes()
}

// serveFile posts one multipart file part to url on h from loopback with a
// bearer token, and returns the recorder.
func serveFile(t *testing.T, h http.Handler, url, token, filename string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	ct, body := form(t, filename, data)
	req := httptest.NewRequest("POST", url, bytes.NewReader(body))
	req.RemoteAddr = "127.0.0.1:5555"
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sendFile posts one multipart file part to url on a running server with a
// bearer token; the test fails unless the answer has status want.
func sendFile(t *testing.T, url, token, filename string, data []byte, want int) {
	t.Helper()
	ct, body := form(t, filename, data)
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("POST %s: got %s, want %d", url, res.Status, want)
	}
}

// postFile sends a multipart form to url as the admin.
func (e *contentEnv) postFile(url, filename string, data []byte, fields ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	ct, body := form(e.t, filename, data, fields...)
	return e.request("POST", url, ct, body, true)
}

// decode parses a JSON response, failing the test on a status other than want.
func decode(t *testing.T, rec *httptest.ResponseRecorder, want int) map[string]any {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("got status %d, want %d; body %s", rec.Code, want, rec.Body.String())
	}
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("got body %q, want a JSON object: %v", rec.Body.String(), err)
	}
	return m
}

func errorCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func colored(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	return img
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, colored(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, colored(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, colored(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func webpBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../imaging/testdata/tiny.webp")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipOf builds a ZIP archive from name → content, in name order.
func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// unzip reads every file of a ZIP archive.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("got an unreadable ZIP: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// uploadFiles lists the image files in the uploads dir (not materials/).
func (e *contentEnv) uploadFiles() []string {
	e.t.Helper()
	entries, err := os.ReadDir(filepath.Join(e.dir, "uploads"))
	if err != nil && !os.IsNotExist(err) {
		e.t.Fatal(err)
	}
	var out []string
	for _, en := range entries {
		if en.Type().IsRegular() {
			out = append(out, en.Name())
		}
	}
	return out
}

// codelabCount counts codelabs through the admin API.
func (e *contentEnv) codelabCount() int {
	e.t.Helper()
	rec := e.request("GET", "/api/admin/codelabs", "", nil, true)
	var list []any
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		e.t.Fatalf("list codelabs: %v (%s)", err, rec.Body.String())
	}
	return len(list)
}

// steps reads a codelab's steps through the admin API.
func (e *contentEnv) steps(id string) []map[string]any {
	e.t.Helper()
	m := decode(e.t, e.request("GET", "/api/admin/codelabs/"+id, "", nil, true), 200)
	raw, _ := m["steps"].([]any)
	out := make([]map[string]any, len(raw))
	for i, s := range raw {
		out[i], _ = s.(map[string]any)
	}
	return out
}
