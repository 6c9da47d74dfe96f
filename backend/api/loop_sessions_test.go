package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

// TestNewSessionKeepsLoopResults: starting a new session deletes the room's
// attendees (and, by cascade, their loop rows), so the session's archive
// must hold the results, the submitted file must stay on disk through a
// sweep, and an issued certificate must keep its public page.
func TestNewSessionKeepsLoopResults(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	lab := "/api/admin/codelabs/" + e.codelab
	tok, id := e.register("Alice")

	if status, m := e.do("PUT", "/api/codelabs/"+e.codelab+"/feedback", tok,
		map[string]any{"satisfaction": 5, "difficulty": 2, "comment": "kept"}); status != http.StatusOK {
		t.Fatalf("feedback: got %d %v", status, m)
	}
	sendFile(t, e.srv.URL+"/api/codelabs/"+e.codelab+"/submissions", tok, "work.txt", []byte("my work"), http.StatusCreated)
	for step := 2; step <= 3; step++ {
		if _, err := e.st.ApplyOp(context.Background(), store.ProgressOp(e.codelab, model.Person{ID: id, Name: "Alice"}, "", step, nil)); err != nil {
			t.Fatal(err)
		}
	}
	status, m := e.do("POST", "/api/me/complete", tok, nil)
	if status != http.StatusOK {
		t.Fatalf("complete: got %d %v", status, m)
	}
	certID := m["certificate"].(map[string]any)["id"].(string)

	files, _ := filepath.Glob(filepath.Join(filepath.Dir(e.st.Path()), "uploads", "submissions", "*"))
	if len(files) != 1 {
		t.Fatalf("submitted files: got %v, want one", files)
	}

	status, m = e.do("POST", lab+"/sessions", liveAdminToken, map[string]string{"title": "next"})
	if status != http.StatusCreated {
		t.Fatalf("new session: got %d %v", status, m)
	}
	// Deleting another codelab sweeps submission files nobody refers to.
	other := e.newCodelab("")
	if status, m := e.do("DELETE", "/api/admin/codelabs/"+other, liveAdminToken, nil); status != http.StatusNoContent {
		t.Fatalf("delete other codelab: got %d %v", status, m)
	}
	if _, err := os.Stat(files[0]); err != nil {
		t.Errorf("the archived session's submitted file: %v, want it kept", err)
	}
	if status, m := e.do("GET", "/api/certificates/"+certID, "", nil); status != http.StatusOK {
		t.Errorf("certificate after a new session: got %d %v, want 200", status, m)
	}

	var list []model.Session
	json.Unmarshal([]byte(e.body(lab+"/sessions")), &list)
	var old string
	for _, s := range list {
		if s.EndedAt != nil {
			old = s.ID
		}
	}
	detail := e.body(lab + "/sessions/" + old)
	for _, want := range []string{`"quiz_attempts":[]`, `"comment":"kept"`, `"original_name":"work.txt"`, `"id":"` + certID + `"`} {
		if !strings.Contains(detail, want) {
			t.Errorf("archived session: want %s in %s", want, detail)
		}
	}
}
