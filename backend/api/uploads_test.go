package api_test

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestUploadRecognizesImagesByContent(t *testing.T) {
	e := newContentEnv(t)
	for _, tc := range []struct {
		name, filename string
		data           []byte
		wantType       string
		wantExt        string
		wantW, wantH   float64
	}{
		{"png", "diagram.png", pngBytes(t, 40, 30), "image/png", ".png", 40, 30},
		{"jpeg named png", "photo.png", jpegBytes(t, 20, 10), "image/jpeg", ".jpg", 20, 10},
		{"gif", "anim.gif", gifBytes(t, 8, 8), "image/gif", ".gif", 8, 8},
		{"webp", "pic", webpBytes(t), "image/webp", ".webp", 75, 100},
	} {
		m := decode(t, e.postFile("/api/admin/uploads", tc.filename, tc.data), 201)
		url, _ := m["url"].(string)
		if !strings.HasPrefix(url, "uploads/") || !strings.HasSuffix(url, tc.wantExt) {
			t.Errorf("%s: got url %q, want uploads/<name>%s", tc.name, url, tc.wantExt)
		}
		if m["content_type"] != tc.wantType || m["width"] != tc.wantW || m["height"] != tc.wantH {
			t.Errorf("%s: got %v %vx%v, want %s %vx%v", tc.name, m["content_type"], m["width"], m["height"], tc.wantType, tc.wantW, tc.wantH)
		}
		if md, _ := m["markdown"].(string); !strings.HasSuffix(md, "]("+url+")") || !strings.HasPrefix(md, "![") {
			t.Errorf("%s: got markdown %q, want ![alt](%s)", tc.name, md, url)
		}
		for _, prefix := range []string{"/", "/admin/"} {
			rec := e.request("GET", prefix+url, "", nil, false)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != tc.wantType {
				t.Fatalf("%s: GET %s%s got %d %q, want 200 %s", tc.name, prefix, url, rec.Code, rec.Header().Get("Content-Type"), tc.wantType)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
				t.Errorf("%s: got headers %v, want nosniff and a long immutable cache", tc.name, rec.Header())
			}
		}
	}
	if n := len(e.uploadFiles()); n != 4 {
		t.Errorf("got %d files in uploads/, want 4", n)
	}
}

func TestUploadRefusals(t *testing.T) {
	e := newContentEnv(t)
	if m := decode(t, e.postFile("/api/admin/uploads", "x.png", []byte("I am text, not a picture")), 400); errorCode(m) != "unsupported_image" {
		t.Errorf("text named x.png: got %v, want unsupported_image", m)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`)
	if m := decode(t, e.postFile("/api/admin/uploads", "x.svg", svg), 400); errorCode(m) != "unsupported_image" {
		t.Errorf("svg: got %v, want unsupported_image", m)
	}
	big := append(pngBytes(t, 4, 4), bytes.Repeat([]byte{0}, 10<<20)...)
	if m := decode(t, e.postFile("/api/admin/uploads", "big.png", big), 413); errorCode(m) != "upload_too_large" {
		t.Errorf("10 MB+: got %v, want upload_too_large", m)
	}
	if m := decode(t, e.postFile("/api/admin/uploads", "a.png", pngBytes(t, 4, 4), "codelab_id", "nope"), 404); errorCode(m) != "not_found" {
		t.Errorf("unknown codelab: got %v, want not_found", m)
	}
	if files := e.uploadFiles(); len(files) != 0 {
		t.Errorf("got files %v left in uploads/, want none", files)
	}
	ct, body := form(t, "a.png", pngBytes(t, 4, 4))
	if rec := e.request("POST", "/api/admin/uploads", ct, body, false); rec.Code != 401 {
		t.Errorf("without token: got %d, want 401", rec.Code)
	}
	for _, u := range []string{"/uploads/nothere.png", "/uploads/" + strings.Repeat("a", 32) + ".png", "/uploads/..%2Ftest.db"} {
		if rec := e.request("GET", u, "", nil, false); rec.Code != 404 {
			t.Errorf("GET %s: got %d, want 404", u, rec.Code)
		}
	}
}

func TestUploadDownscalesWideImages(t *testing.T) {
	e := newContentEnv(t)
	m := decode(t, e.postFile("/api/admin/uploads", "wide.png", pngBytes(t, 2400, 600)), 201)
	if m["width"] != float64(1600) || m["height"] != float64(400) {
		t.Fatalf("got %vx%v, want 1600x400", m["width"], m["height"])
	}
	rec := e.request("GET", "/"+m["url"].(string), "", nil, false)
	img, err := png.Decode(rec.Body)
	if err != nil {
		t.Fatalf("served image: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 400 {
		t.Errorf("served image is %v, want 1600x400", b)
	}
}
