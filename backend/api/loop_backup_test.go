package api_test

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestBackupCarriesKeyAndSubmissions: a backup restored on a fresh server
// (another machine) keeps the signing key, so old certificates still
// verify, and the submitted files.
func TestBackupCarriesKeyAndSubmissions(t *testing.T) {
	l := newLoopLab(t, "")
	ann, annID := l.register("Ann")
	rec := l.upload(ann, "work.txt", []byte("my work"))
	if rec.Code != 201 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	sub := decodeSub(t, rec.Body.String())
	l.visitAll(annID, "Ann")
	var done struct{ Certificate certJSON }
	l.jsonOf(scenario{name: "complete", method: "POST", url: "/api/me/complete?token=" + ann, wantStatus: 200}, &done)
	backup := l.get("/api/admin/backup", adminToken)
	if backup.Code != 200 {
		t.Fatalf("backup: %d", backup.Code)
	}
	if files := unzip(t, backup.Body.Bytes()); !strings.Contains(strings.Join(keys(files), ","), "uploads/submissions/") {
		t.Errorf("backup entries %v: want the submission file", keys(files))
	}

	fresh, _ := newAPI(t)
	freshKey := scenario{name: "fresh key", method: "GET", url: "/api/admin/certificates/key", admin: true, wantStatus: 200}.run(t, fresh)
	if strings.Contains(freshKey, done.Certificate.PublicKey) {
		t.Fatal("a fresh server has the same key")
	}
	scenario{name: "fresh server does not trust it", method: "POST", url: "/api/certificates/verify", wantStatus: 200,
		body: `{"token":"` + done.Certificate.Token + `"}`, wantIn: []string{`"valid":false`, `"reason":"unknown_key"`}}.run(t, fresh)

	res := serveFile(t, fresh, "/api/admin/restore", adminToken, "backup.zip", backup.Body.Bytes())
	if res.Code != 200 {
		t.Fatalf("restore: %d %s", res.Code, res.Body)
	}
	scenario{name: "restored key", method: "GET", url: "/api/admin/certificates/key", admin: true, wantStatus: 200,
		wantIn: []string{done.Certificate.PublicKey}}.run(t, fresh)
	scenario{name: "old certificate verifies", method: "POST", url: "/api/certificates/verify", wantStatus: 200,
		body: `{"token":"` + done.Certificate.Token + `"}`, wantIn: []string{`"valid":true`}}.run(t, fresh)
	dl := httptest.NewRequest("GET", "/api/codelabs/"+l.id+"/submissions/"+sub["id"].(string)+"/download", nil)
	dl.RemoteAddr = "127.0.0.1:5555"
	dl.Header.Set("Authorization", "Bearer "+ann)
	out := httptest.NewRecorder()
	fresh.ServeHTTP(out, dl)
	if out.Code != 200 || out.Body.String() != "my work" {
		t.Errorf("restored submission: got %d %q", out.Code, out.Body)
	}
}
