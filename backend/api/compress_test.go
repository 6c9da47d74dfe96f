package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/gorilla/websocket"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/precompress"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// appJS is a script big enough to be compressed; the test build ships its
// brotli form (as `make frontend` does) but no gzip, which the server makes.
var appJS = []byte(strings.Repeat("export function step(n) { return `step ${n}`; }\n", 200))

func compressedAPI(t *testing.T) http.Handler {
	t.Helper()
	page := []byte("<!doctype html><title>Codelabs</title>" + strings.Repeat("<!-- padding -->", 100))
	return api.New(api.Config{
		Store: storetest.New(t), Markdown: markdown.New(), AdminToken: adminToken, Version: "test",
		Assets: fstest.MapFS{
			"index.html":                  {Data: page},
			"index.html.gz":               {Data: precompress.Gzip(page)},
			"assets/app-ABC123.js":        {Data: appJS},
			"assets/app-ABC123.js.br":     {Data: precompress.Brotli(appJS)},
			"assets/logo-ABC123.png":      {Data: pngBytes(t, 64, 64)},
			"favicon.svg":                 {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
			"assets/tiny-ABC123.css":      {Data: []byte("body{margin:0}")},
			"assets/stale-ABC123.css.gz":  {Data: []byte("not a sibling of anything")},
			"admin/index.html":            {Data: []byte("admin app")},
			"assets/broken-ABC123.css":    {Data: bytes.Repeat([]byte("a{b:c}"), 300)},
			"assets/broken-ABC123.css.br": {Data: bytes.Repeat([]byte("x"), 5000)}, // not smaller: ignored
		},
	})
}

// get sends one request from loopback with the given header pairs.
func get(h http.Handler, method, url string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, url, nil)
	req.RemoteAddr = "127.0.0.1:5555"
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decoded undoes the response's Content-Encoding.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(rec.Body.Bytes())
	switch ce := rec.Header().Get("Content-Encoding"); ce {
	case "":
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(r)
	default:
		t.Fatalf("unexpected Content-Encoding %q", ce)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s body: %v", rec.Header().Get("Content-Encoding"), err)
	}
	return b
}

func TestStaticAssetsByAcceptEncoding(t *testing.T) {
	h := compressedAPI(t)
	page := get(h, "GET", "/index.html").Body.Bytes()
	css := bytes.Repeat([]byte("a{b:c}"), 300)
	immutable := "public, max-age=31536000, immutable"
	for _, sc := range []struct {
		name, method, url, accept string
		want                      []byte
		wantEncoding, wantCache   string
		wantVary                  bool
	}{
		{"no Accept-Encoding gets plain bytes", "GET", "/assets/app-ABC123.js", "", appJS, "", immutable, true},
		{"brotli is preferred", "GET", "/assets/app-ABC123.js", "gzip, deflate, br, zstd", appJS, "br", immutable, true},
		{"gzip made at start-up when the build has none", "GET", "/assets/app-ABC123.js", "gzip", appJS, "gzip", immutable, true},
		{"br refused with q=0 falls back to gzip", "GET", "/assets/app-ABC123.js", "br;q=0, gzip;q=0.8", appJS, "gzip", immutable, true},
		{"identity only", "GET", "/assets/app-ABC123.js", "identity", appJS, "", immutable, true},
		{"wildcard", "GET", "/assets/app-ABC123.js", "*", appJS, "br", immutable, true},
		{"unknown coding", "GET", "/assets/app-ABC123.js", "compress", appJS, "", immutable, true},
		{"index.html revalidates", "GET", "/", "gzip, br", page, "gzip", "no-cache", true},
		{"client route falls back to the page", "GET", "/codelabs/abc/steps/2", "gzip", page, "gzip", "no-cache", true},
		{"image is never compressed", "GET", "/assets/logo-ABC123.png", "gzip, br", pngBytes(t, 64, 64), "", immutable, false},
		{"tiny file is not worth it", "GET", "/assets/tiny-ABC123.css", "gzip, br", []byte("body{margin:0}"), "", immutable, false},
		{"a brotli sibling that is not smaller is ignored", "GET", "/assets/broken-ABC123.css", "br", css, "", immutable, true},
		{"unhashed file revalidates", "GET", "/favicon.svg", "gzip", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "", "no-cache", false},
		{"HEAD has the headers only", "HEAD", "/assets/app-ABC123.js", "br", nil, "br", immutable, true},
	} {
		t.Run(sc.name, func(t *testing.T) {
			rec := get(h, sc.method, sc.url, "Accept-Encoding", sc.accept)
			if rec.Code != 200 {
				t.Fatalf("got %d, want 200", rec.Code)
			}
			hd := rec.Header()
			if got := hd.Get("Content-Encoding"); got != sc.wantEncoding {
				t.Errorf("Content-Encoding %q, want %q", got, sc.wantEncoding)
			}
			if sc.method == "GET" {
				if got := decoded(t, rec); !bytes.Equal(got, sc.want) {
					t.Errorf("decoded body differs from the file (%d bytes, want %d)", len(got), len(sc.want))
				}
				if cl := hd.Get("Content-Length"); cl != strconv.Itoa(rec.Body.Len()) {
					t.Errorf("Content-Length %q, want %d (the bytes sent)", cl, rec.Body.Len())
				}
				if sc.wantEncoding != "" && rec.Body.Len() >= len(sc.want) {
					t.Errorf("%s body is %d bytes, not smaller than %d", sc.wantEncoding, rec.Body.Len(), len(sc.want))
				}
			} else if rec.Body.Len() != 0 || hd.Get("Content-Length") == "" || hd.Get("Content-Length") == "0" {
				t.Errorf("HEAD: body %d bytes, Content-Length %q; want no body and the length", rec.Body.Len(), hd.Get("Content-Length"))
			}
			if got := hd.Get("Cache-Control"); got != sc.wantCache {
				t.Errorf("Cache-Control %q, want %q", got, sc.wantCache)
			}
			if got := strings.Contains(strings.Join(hd.Values("Vary"), ","), "Accept-Encoding"); got != sc.wantVary {
				t.Errorf("Vary %q: Accept-Encoding listed %v, want %v", hd.Values("Vary"), got, sc.wantVary)
			}
			etag := hd.Get("ETag")
			if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
				t.Fatalf("ETag %q, want a strong quoted tag", etag)
			}
			if sc.wantEncoding != "" && !strings.Contains(etag, "-"+map[string]string{"gzip": "gz", "br": "br"}[sc.wantEncoding]) {
				t.Errorf("ETag %q does not name its encoding %s", etag, sc.wantEncoding)
			}
			// The same ETag revalidates to 304 with the same Vary.
			again := get(h, "GET", sc.url, "Accept-Encoding", sc.accept, "If-None-Match", `"other", `+etag)
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 || again.Header().Get("ETag") != etag {
				t.Errorf("If-None-Match %s: got %d with %d bytes and ETag %q, want 304, empty, same ETag", etag, again.Code, again.Body.Len(), again.Header().Get("ETag"))
			}
		})
	}
}

func TestStaticETagsDifferPerEncoding(t *testing.T) {
	h := compressedAPI(t)
	tags := map[string]string{}
	for _, ae := range []string{"", "gzip", "br"} {
		tags[ae] = get(h, "GET", "/assets/app-ABC123.js", "Accept-Encoding", ae).Header().Get("ETag")
	}
	if tags[""] == tags["gzip"] || tags[""] == tags["br"] || tags["gzip"] == tags["br"] {
		t.Fatalf("ETags per encoding must differ: %v", tags)
	}
	// A cache holding the gzip form must not get a 304 for the brotli form.
	if rec := get(h, "GET", "/assets/app-ABC123.js", "Accept-Encoding", "br", "If-None-Match", tags["gzip"]); rec.Code != 200 || rec.Header().Get("Content-Encoding") != "br" {
		t.Errorf("br with the gzip ETag: got %d %q, want 200 br", rec.Code, rec.Header().Get("Content-Encoding"))
	}
}

func TestStaticRangeGetsIdentityBytes(t *testing.T) {
	h := compressedAPI(t)
	rec := get(h, "GET", "/assets/app-ABC123.js", "Accept-Encoding", "gzip, br", "Range", "bytes=7-14")
	if rec.Code != http.StatusPartialContent || rec.Header().Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), appJS[7:15]) {
		t.Fatalf("range: got %d %q %q, want 206 with plain bytes %q", rec.Code, rec.Header().Get("Content-Encoding"), rec.Body.String(), appJS[7:15])
	}
	if cr := rec.Header().Get("Content-Range"); cr != "bytes 7-14/"+strconv.Itoa(len(appJS)) {
		t.Errorf("Content-Range %q", cr)
	}
}

func TestJSONCompression(t *testing.T) {
	a, _ := newAPI(t)
	for i := range 8 {
		create(t, a, `{"is_public":true,"title":"Codelab `+strconv.Itoa(i)+` `+strings.Repeat("with a long title ", 12)+`"}`)
	}
	plain := get(a, "GET", "/api/codelabs")
	if plain.Code != 200 || plain.Body.Len() < 1024 {
		t.Fatalf("list: got %d with %d bytes, want 200 over 1 KB", plain.Code, plain.Body.Len())
	}
	for _, sc := range []struct {
		name, url, accept, wantEncoding string
	}{
		{"no Accept-Encoding gets plain JSON", "/api/codelabs", "", ""},
		{"a big list is gzipped", "/api/codelabs", "gzip, deflate, br", "gzip"},
		{"brotli alone is not offered for JSON", "/api/codelabs", "br", ""},
		{"a small answer stays plain", "/api/health", "gzip", ""},
		{"errors stay plain", "/api/codelabs/nope", "gzip", ""},
	} {
		t.Run(sc.name, func(t *testing.T) {
			rec := get(a, "GET", sc.url, "Accept-Encoding", sc.accept)
			if got := rec.Header().Get("Content-Encoding"); got != sc.wantEncoding {
				t.Fatalf("Content-Encoding %q, want %q", got, sc.wantEncoding)
			}
			if sc.url == "/api/codelabs" {
				if got := decoded(t, rec); !bytes.Equal(got, plain.Body.Bytes()) {
					t.Errorf("decoded body differs from the plain answer")
				}
				if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Encoding") {
					t.Errorf("Vary %q lacks Accept-Encoding", rec.Header().Values("Vary"))
				}
			}
			if sc.wantEncoding != "" && rec.Body.Len() >= plain.Body.Len()/2 {
				t.Errorf("gzip body %d bytes, want well under %d", rec.Body.Len(), plain.Body.Len())
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", rec.Header().Get("Content-Type"))
			}
		})
	}
}

func TestDownloadsAreNotCompressedAndKeepRanges(t *testing.T) {
	e := newContentEnv(t)
	id := create(t, e.h, `{"title":"Lab","is_public":true}`)
	content := []byte(strings.Repeat(`{"k":"a json file that compresses well"}`, 100))
	file := decode(t, e.postFile("/api/admin/codelabs/"+id+"/materials", "data.json", content, "title", "Data"), 201)
	url := "/api/codelabs/" + id + "/materials/" + file["id"].(string) + "/download"

	full := e.request("GET", url, "", nil, false, "Accept-Encoding", "gzip")
	if full.Code != 200 || full.Header().Get("Content-Encoding") != "" || !bytes.Equal(full.Body.Bytes(), content) {
		t.Fatalf("download: got %d %q %d bytes, want 200 plain %d bytes", full.Code, full.Header().Get("Content-Encoding"), full.Body.Len(), len(content))
	}
	part := e.request("GET", url, "", nil, false, "Accept-Encoding", "gzip", "Range", "bytes=10-19")
	if part.Code != http.StatusPartialContent || part.Header().Get("Content-Encoding") != "" || !bytes.Equal(part.Body.Bytes(), content[10:20]) {
		t.Fatalf("range: got %d %q %q, want 206 plain %q", part.Code, part.Header().Get("Content-Encoding"), part.Body.String(), content[10:20])
	}
	if cl := part.Header().Get("Content-Length"); cl != "10" {
		t.Errorf("range Content-Length %q, want 10", cl)
	}
}

func TestWebSocketIsNeverCompressed(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ada")
	tb, _ := e.register("Ben")
	// Browsers send Accept-Encoding on the upgrade; it must not wrap the socket.
	dial := func(token string) *wsClient {
		c, res, err := websocket.DefaultDialer.Dial(e.wsURL("/ws?token="+token+"&since=0"), http.Header{"Accept-Encoding": {"gzip, br"}})
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		t.Cleanup(func() { c.Close() })
		if res.Header.Get("Content-Encoding") != "" {
			t.Errorf("upgrade answered with Content-Encoding %q", res.Header.Get("Content-Encoding"))
		}
		w := &wsClient{t: t, c: c}
		w.waitType("ready")
		return w
	}
	a, b := dial(ta), dial(tb)
	text := strings.Repeat("a long chat line ", 100) + "end"
	a.chat("c1", text)
	if got := b.nextNot("presence"); got["type"] != "chat" || got["text"] != text {
		t.Errorf("B got %v, want the chat", got)
	}
}
