package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func decodeSub(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return m
}

func (l *loopLab) submissionFiles() []string {
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(l.st.Path()), "uploads", "submissions", "*"))
	return names
}

func TestSubmissionsFilesLinksAndAccess(t *testing.T) {
	l := newLoopLab(t, `{"submission_max_file_bytes":2048,"submission_max_total_bytes":3072}`)
	ann, _ := l.register("Ann")
	bob, _ := l.register("Bob")
	url := "/api/codelabs/" + l.id + "/submissions"

	for _, sc := range []scenario{
		{name: "javascript link", body: `{"url":"javascript:alert(1)","title":"x"}`, wantStatus: 400, wantIn: []string{"invalid_url"}},
		{name: "file link", body: `{"url":"file:///etc/passwd"}`, wantStatus: 400, wantIn: []string{"invalid_url"}},
		{name: "no url", body: `{"title":"x"}`, wantStatus: 400, wantIn: []string{"missing_file"}},
		{name: "link", body: `{"url":"https://github.com/ann/repo","title":"My repo"}`, wantStatus: 201,
			wantIn: []string{`"kind":"link"`, `"url":"https://github.com/ann/repo"`, `"title":"My repo"`}},
	} {
		sc.method, sc.url = "POST", url+"?token="+ann
		sc.run(t, l.api)
	}
	scenario{name: "limits out of range", method: "PATCH", url: "/api/admin/codelabs/" + l.id, admin: true,
		body: `{"submission_max_total_bytes":1024}`, wantStatus: 400, wantIn: []string{"invalid_field"}}.run(t, l.api)

	if rec := l.upload(ann, "big.bin", make([]byte, 2049)); rec.Code != 413 || !strings.Contains(rec.Body.String(), "submission_too_large") {
		t.Fatalf("over the file limit: got %d %s, want 413 submission_too_large", rec.Code, rec.Body)
	}
	png := pngBytes(t, 8, 8)
	rec := l.upload(ann, "../../shot.png", png)
	if rec.Code != 201 {
		t.Fatalf("upload: got %d %s", rec.Code, rec.Body)
	}
	shot := decodeSub(t, rec.Body.String())
	if shot["original_name"] != "shot.png" || shot["content_type"] != "image/png" || shot["download_url"] == nil {
		t.Errorf("upload: got %v, want shot.png as image/png with a download_url", shot)
	}
	if rec := l.upload(ann, "two.txt", make([]byte, 2048)); rec.Code != 201 && len(png)+2048 <= 3072 {
		t.Fatalf("second file: got %d %s", rec.Code, rec.Body)
	}
	if rec := l.upload(ann, "three.txt", make([]byte, 2048)); rec.Code != 413 || !strings.Contains(rec.Body.String(), "submission_quota_exceeded") {
		t.Fatalf("over the quota: got %d %s, want 413 submission_quota_exceeded", rec.Code, rec.Body)
	}
	if n := len(l.submissionFiles()); n != 2 {
		t.Errorf("files on disk: got %d, want 2 (refused uploads leave nothing)", n)
	}
	bobFile := decodeSub(t, l.upload(bob, "bob.html", []byte("<script>alert(1)</script>")).Body.String())

	dl := "/api/codelabs/" + l.id + "/submissions/" + shot["id"].(string) + "/download"
	if rec := l.get(dl, ann); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), png) ||
		!strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment") || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("owner download: got %d %v", rec.Code, rec.Header())
	}
	if rec := l.get(dl, bob); rec.Code != 404 {
		t.Errorf("B downloads A's file: got %d, want 404", rec.Code)
	}
	if rec := l.get(dl, ""); rec.Code != 401 {
		t.Errorf("download without token: got %d, want 401", rec.Code)
	}
	if rec := l.get(dl, l.stranger()); rec.Code != 403 {
		t.Errorf("download with another codelab's token: got %d, want 403", rec.Code)
	}
	if rec := l.get(dl, adminToken); rec.Code != 200 {
		t.Errorf("admin download: got %d, want 200", rec.Code)
	}
	bobDL := l.get("/api/codelabs/"+l.id+"/submissions/"+bobFile["id"].(string)+"/download", bob)
	if ct := bobDL.Header().Get("Content-Type"); strings.Contains(ct, "html") && bobDL.Header().Get("Content-Disposition") == "" {
		t.Errorf("html submission served inline: %v", bobDL.Header())
	}
	if !strings.HasPrefix(bobDL.Header().Get("Content-Disposition"), "attachment") || bobDL.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("html submission headers: %v", bobDL.Header())
	}

	scenario{name: "Ann lists only hers", method: "GET", url: url + "?token=" + ann, wantStatus: 200,
		wantIn: []string{"shot.png", "My repo"}, wantNotIn: []string{"bob.html", "thumbnail_url"}}.run(t, l.api)
	scenario{name: "B cannot delete A's", method: "DELETE", url: url + "/" + shot["id"].(string) + "?token=" + bob, wantStatus: 404}.run(t, l.api)
	admin := scenario{name: "admin list", method: "GET", url: "/api/admin/codelabs/" + l.id + "/submissions", admin: true, wantStatus: 200,
		wantIn: []string{`"name":"Ann"`, `"name":"Bob"`, "/thumbnail", "shot.png", "bob.html"}}.run(t, l.api)
	if strings.Count(admin, "thumbnail_url") != 1 {
		t.Errorf("thumbnails: got %s, want one (the PNG only)", admin)
	}
	th := l.get("/api/admin/codelabs/"+l.id+"/submissions/"+shot["id"].(string)+"/thumbnail", adminToken)
	if th.Code != 200 || th.Header().Get("Content-Type") != "image/png" {
		t.Errorf("thumbnail: got %d %v", th.Code, th.Header())
	}
	if rec := l.get("/api/admin/codelabs/"+l.id+"/submissions/"+shot["id"].(string)+"/thumbnail", ann); rec.Code != 401 {
		t.Errorf("attendee thumbnail: got %d, want 401", rec.Code)
	}

	arc := l.get("/api/admin/codelabs/"+l.id+"/submissions/archive", adminToken)
	if arc.Code != 200 || arc.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("archive: got %d %v", arc.Code, arc.Header())
	}
	zr, err := zip.NewReader(bytes.NewReader(arc.Body.Bytes()), int64(arc.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	got := strings.Join(names, ",")
	for _, want := range []string{"01-Ann/shot.png", "01-Ann/two.txt", "01-Ann/links.txt", "02-Bob/bob.html"} {
		if !strings.Contains(got, want) {
			t.Errorf("archive: got %s, want %s", got, want)
		}
	}

	scenario{name: "Ann deletes hers", method: "DELETE", url: url + "/" + shot["id"].(string) + "?token=" + ann, wantStatus: 204}.run(t, l.api)
	if rec := l.get(dl, ann); rec.Code != 404 {
		t.Errorf("download after delete: got %d, want 404", rec.Code)
	}
	if n := len(l.submissionFiles()); n != 2 {
		t.Errorf("files on disk after delete: got %d, want 2", n)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(l.st.Path()), "uploads", "submissions")); err != nil {
		t.Errorf("submissions live under uploads/ (so backups carry them): %v", err)
	}
}

func TestDeletingACodelabRemovesItsSubmittedFiles(t *testing.T) {
	l := newLoopLab(t, "")
	ann, _ := l.register("Ann")
	if rec := l.upload(ann, "a.txt", []byte("a")); rec.Code != 201 {
		t.Fatalf("upload: %d", rec.Code)
	}
	keep := newLoopLabOn(t, l)
	if rec := keep.upload(keep.mustRegister("Bob"), "b.txt", []byte("b")); rec.Code != 201 {
		t.Fatalf("upload: %d", rec.Code)
	}
	if n := len(l.submissionFiles()); n != 2 {
		t.Fatalf("files: got %d, want 2", n)
	}
	scenario{name: "delete", method: "DELETE", url: "/api/admin/codelabs/" + l.id, admin: true, wantStatus: 204}.run(t, l.api)
	if n := len(l.submissionFiles()); n != 1 {
		t.Errorf("files after delete: got %d, want 1 (the other codelab's)", n)
	}
}
