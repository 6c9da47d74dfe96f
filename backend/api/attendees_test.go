package api_test

import (
	"net/http"
	"testing"

	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

func TestRegistration(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	path := "/api/codelabs/" + e.codelab + "/attendees"

	status, m := e.do("POST", path, "", map[string]string{"name": "alice", "code": "letmein"})
	if status != http.StatusCreated {
		t.Fatalf("register: got %d %v, want 201", status, m)
	}
	token, _ := m["token"].(string)
	code, _ := m["continue_code"].(string)
	if len(token) != 64 || len(code) != 6 {
		t.Fatalf("register: got token %q code %q, want 64 hex chars and 6 chars", token, code)
	}
	var plain int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM attendee_tokens WHERE token_hash = ?`, token).Scan(&plain)
	var hashed int
	e.st.DB().QueryRow(`SELECT COUNT(*) FROM attendee_tokens WHERE token_hash = ?`, store.HashToken(token)).Scan(&hashed)
	if plain != 0 || hashed != 1 {
		t.Errorf("token storage: got %d plaintext and %d hashed rows, want 0 and 1", plain, hashed)
	}

	for _, tc := range []struct {
		name, who, code string
		status          int
		errCode         string
	}{
		{"same name other case and spaces", " ALICE ", "letmein", 409, "name_taken"},
		{"wrong code", "bob", "nope", 403, "wrong_code"},
		{"empty name", "   ", "letmein", 400, "invalid_name"},
		{"61 runes", string(make([]rune, 0)) + repeat("ü", 61), "letmein", 400, "invalid_name"},
	} {
		status, m := e.do("POST", path, "", map[string]string{"name": tc.who, "code": tc.code})
		if status != tc.status || errCode(m) != tc.errCode {
			t.Errorf("%s: got %d %q, want %d %q", tc.name, status, errCode(m), tc.status, tc.errCode)
		}
	}

	// /api/me shows progress; the codelab's steps unlock for this token only.
	status, m = e.do("GET", "/api/me", token, nil)
	if status != 200 || m["codelab_id"] != e.codelab || m["current_step"] != 1.0 || m["continue_code"] != code {
		t.Errorf("me: got %d %v, want codelab %s at step 1 with its continue code", status, m, e.codelab)
	}
	if status, _ := e.do("GET", "/api/me", "bogus", nil); status != 401 {
		t.Errorf("me with bad token: got %d, want 401", status)
	}
	_, m = e.do("GET", "/api/codelabs/"+e.codelab, token, nil)
	if m["locked"] == true || len(m["steps"].([]any)) != 3 {
		t.Errorf("codelab with token: got locked=%v steps=%v, want 3 unlocked steps", m["locked"], m["steps"])
	}
	_, m = e.do("GET", "/api/codelabs/"+e.codelab, "", nil)
	if m["locked"] != true {
		t.Errorf("codelab without token: got locked=%v, want true", m["locked"])
	}
	other := e.newCodelab("other")
	_, m = e.do("GET", "/api/codelabs/"+other, token, nil)
	if m["locked"] != true {
		t.Errorf("codelab Y with codelab X's token: got locked=%v, want true", m["locked"])
	}

	// Continue on another device: a new token, the same attendee, both work.
	status, m = e.do("POST", path+"/continue", "", map[string]string{"continue_code": code})
	if status != 201 || m["token"] == token {
		t.Fatalf("continue: got %d %v, want 201 with a new token", status, m)
	}
	second := m["token"].(string)
	for _, tok := range []string{token, second} {
		if status, m := e.do("GET", "/api/me", tok, nil); status != 200 || m["name"] != "alice" {
			t.Errorf("me after continue: got %d %v, want alice", status, m)
		}
	}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func TestGuessRateLimit(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	path := "/api/codelabs/" + e.codelab + "/attendees/continue"
	for i := range 10 {
		if status, m := e.do("POST", path, "", map[string]string{"continue_code": "ZZZZZZ"}); status != 404 {
			t.Fatalf("guess %d: got %d %v, want 404", i+1, status, m)
		}
	}
	if status, m := e.do("POST", path, "", map[string]string{"continue_code": "ZZZZZZ"}); status != 429 || errCode(m) != "slow_down" {
		t.Errorf("guess 11: got %d %q, want 429 slow_down", status, errCode(m))
	}
	// The same IP may not keep guessing access codes either.
	status, m := e.do("POST", "/api/codelabs/"+e.codelab+"/attendees", "", map[string]string{"name": "x", "code": "letmein"})
	if status != 429 {
		t.Errorf("register while blocked: got %d %v, want 429", status, m)
	}
}
