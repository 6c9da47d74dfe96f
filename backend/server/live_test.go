package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

func call(t *testing.T, s *Server, method, path, token, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(method, s.APIBase()+path, bytes.NewBufferString(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: got status %d, want %d", method, path, resp.StatusCode, want)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
}

// readUntil reads frames until one has the wanted type, bounded by a deadline.
func readUntil(t *testing.T, c *websocket.Conn, typ string) map[string]any {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		var f map[string]any
		if err := c.ReadJSON(&f); err != nil {
			t.Fatalf("waiting for %q: %v", typ, err)
		}
		if f["type"] == typ {
			return f
		}
	}
}

// Saving a codelab in the editor tells every open attendee page to reload
// it: the whole path from the admin API through the event log to the socket.
func TestSavingStepsNotifiesAttendees(t *testing.T) {
	s := start(t, testConfig(t, "127.0.0.1:0"))
	admin := s.AdminToken()
	var lab struct{ ID string }
	call(t, s, "POST", "/api/admin/codelabs", admin, `{"title":"Live","is_public":true}`, 201, &lab)
	call(t, s, "PUT", "/api/admin/codelabs/"+lab.ID+"/steps", admin, `{"steps":[{"title":"One"}]}`, 200, nil)
	var reg struct{ Token string }
	call(t, s, "POST", "/api/codelabs/"+lab.ID+"/attendees", "", `{"name":"Ann"}`, 201, &reg)

	ws := "ws" + strings.TrimPrefix(s.APIBase(), "http") + "/ws?token=" + reg.Token
	conn, _, err := websocket.DefaultDialer.Dial(ws, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ready := readUntil(t, conn, "ready")

	call(t, s, "PUT", "/api/admin/codelabs/"+lab.ID+"/steps", admin, `{"steps":[{"title":"One"},{"title":"Two"}]}`, 200, nil)
	ev := readUntil(t, conn, "codelab_updated")
	if ev["codelab_id"] != lab.ID || ev["seq"].(float64) <= ready["seq"].(float64) {
		t.Fatalf("got %v after ready %v, want codelab_updated for %s with a newer seq", ev, ready, lab.ID)
	}
	call(t, s, "PATCH", "/api/admin/codelabs/"+lab.ID, admin, `{"title":"Live!"}`, 200, nil)
	if ev2 := readUntil(t, conn, "codelab_updated"); ev2["seq"].(float64) <= ev["seq"].(float64) {
		t.Fatalf("got %v, want a second, newer codelab_updated", ev2)
	}
}
