package api_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMaterialsCRUDAndAttendeeAccess(t *testing.T) {
	e := newContentEnv(t)
	id := create(t, e.h, `{"title":"Lab","is_public":true}`)
	base := "/api/admin/codelabs/" + id + "/materials"

	link := decode(t, e.request("POST", base, "application/json", []byte(`{"title":"Docs","url":"https://go.dev/doc/"}`), true), 201)
	if link["kind"] != "link" || link["url"] != "https://go.dev/doc/" {
		t.Errorf("link: got %v, want a link to https://go.dev/doc/", link)
	}
	for _, bad := range []string{`{"title":"x","url":"javascript:alert(1)"}`, `{"title":"x","url":"ftp://a/b"}`, `{"title":"x","url":"/relative"}`} {
		if m := decode(t, e.request("POST", base, "application/json", []byte(bad), true), 400); errorCode(m) != "invalid_url" {
			t.Errorf("%s: got %v, want invalid_url", bad, m)
		}
	}
	content := []byte("slide deck bytes")
	file := decode(t, e.postFile(base, "Slides \"v2\"/../ü.pdf", content, "title", "Slides"), 201)
	mid, _ := file["id"].(string)
	if file["kind"] != "file" || file["title"] != "Slides" || file["size"] != float64(len(content)) {
		t.Errorf("file: got %v, want a %d-byte file titled Slides", file, len(content))
	}
	big := bytes.Repeat([]byte("x"), 20<<20+1)
	if m := decode(t, e.postFile(base, "big.bin", big), 413); errorCode(m) != "material_too_large" {
		t.Errorf("20 MB+: got %v, want material_too_large", m)
	}

	renamed := decode(t, e.request("PATCH", base+"/"+mid, "application/json", []byte(`{"title":"Slides (final)"}`), true), 200)
	if renamed["title"] != "Slides (final)" {
		t.Errorf("rename: got %v, want Slides (final)", renamed["title"])
	}
	var list []map[string]any
	json.Unmarshal(e.request("GET", "/api/codelabs/"+id+"/materials", "", nil, false).Body.Bytes(), &list)
	if len(list) != 2 || list[0]["title"] != "Docs" || list[1]["title"] != "Slides (final)" {
		t.Fatalf("attendee list: got %v, want Docs then Slides (final)", list)
	}
	dl, _ := list[1]["download_url"].(string)
	rec := e.request("GET", "/"+dl, "", nil, false)
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), content) {
		t.Fatalf("download: got %d %q, want the file", rec.Code, rec.Body.String())
	}
	cd := rec.Header().Get("Content-Disposition")
	if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''%C3%BC.pdf") || strings.Contains(cd, "/") {
		t.Errorf("download: got Content-Disposition %q, want an attachment named ü.pdf", cd)
	}
	if rec := e.request("GET", "/api/codelabs/"+id+"/materials/"+link["id"].(string)+"/download", "", nil, false); rec.Code != 404 {
		t.Errorf("download of a link: got %d, want 404", rec.Code)
	}

	// An access code hides materials from everyone but registered attendees.
	e.request("PATCH", "/api/admin/codelabs/"+id, "application/json", []byte(`{"access_code":"s3cret"}`), true)
	if m := decode(t, e.request("GET", "/api/codelabs/"+id+"/materials", "", nil, false), 403); errorCode(m) != "access_code_required" {
		t.Errorf("locked list: got %v, want access_code_required", m)
	}
	if rec := e.request("GET", "/"+dl, "", nil, false); rec.Code != 403 {
		t.Errorf("locked download: got %d, want 403", rec.Code)
	}
	reg := decode(t, e.request("POST", "/api/codelabs/"+id+"/attendees", "application/json", []byte(`{"name":"ann","code":"s3cret"}`), false), 201)
	tok := "Bearer " + reg["token"].(string)
	if rec := e.request("GET", "/api/codelabs/"+id+"/materials", "", nil, false, "Authorization", tok); rec.Code != 200 {
		t.Errorf("registered list: got %d, want 200", rec.Code)
	}
	if rec := e.request("GET", "/"+dl, "", nil, false, "Authorization", tok); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), content) {
		t.Errorf("registered download: got %d, want 200 with the file", rec.Code)
	}
	other := create(t, e.h, `{"title":"Other","is_public":true,"access_code":"x"}`)
	if rec := e.request("GET", "/api/codelabs/"+other+"/materials", "", nil, false, "Authorization", tok); rec.Code != 403 {
		t.Errorf("token of another codelab: got %d, want 403", rec.Code)
	}

	// Hidden codelabs have no public materials.
	e.request("PATCH", "/api/admin/codelabs/"+id, "application/json", []byte(`{"is_public":false}`), true)
	if rec := e.request("GET", "/api/codelabs/"+id+"/materials", "", nil, false, "Authorization", tok); rec.Code != 404 {
		t.Errorf("hidden codelab: got %d, want 404", rec.Code)
	}

	if rec := e.request("DELETE", base+"/"+mid, "", nil, true); rec.Code != 204 {
		t.Fatalf("delete: got %d, want 204", rec.Code)
	}
	if rec := e.request("DELETE", base+"/"+mid, "", nil, true); rec.Code != 404 {
		t.Errorf("delete again: got %d, want 404", rec.Code)
	}
	var left []map[string]any
	json.Unmarshal(e.request("GET", base, "", nil, true).Body.Bytes(), &left)
	if len(left) != 1 || left[0]["kind"] != "link" {
		t.Errorf("after delete: got %v, want only the link", left)
	}
}
