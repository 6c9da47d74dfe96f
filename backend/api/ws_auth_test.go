package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
)

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

// dialStatus tries a WebSocket and returns the HTTP refusal (status, error code).
func dialStatus(t *testing.T, url string, h http.Header) (int, string) {
	t.Helper()
	c, res, err := websocket.DefaultDialer.Dial(url, h)
	if err == nil {
		c.Close()
		return 101, ""
	}
	if res == nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	body, _ := io.ReadAll(res.Body)
	var m map[string]any
	json.Unmarshal(body, &m)
	return res.StatusCode, errCode(m)
}

func TestWSAuthorization(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	other := e.newCodelab("")
	for _, tc := range []struct {
		name   string
		path   string
		origin string
		status int
		code   string
	}{
		{"no token", "/ws", "", 401, "unauthorized"},
		{"bad token", "/ws?token=nope", "", 401, "unauthorized"},
		{"token of codelab X on Y", "/ws?token=" + ta + "&codelab=" + other, "", 403, "wrong_codelab"},
		{"bad since", "/ws?token=" + ta + "&since=x", "", 400, "invalid_since"},
		{"foreign origin", "/ws?token=" + ta, "http://evil.example", 403, "origin_not_allowed"},
		{"admin foreign origin", "/api/admin/ws?token=" + liveAdminToken + "&codelab=" + e.codelab, "http://evil.example", 403, "origin_not_allowed"},
		{"same-host origin", "/ws?token=" + ta, e.srv.URL, 101, ""},
		{"wails origin", "/ws?token=" + ta, "wails://wails", 101, ""},
		{"admin wrong token", "/api/admin/ws?token=nope&codelab=" + e.codelab, "", 401, "unauthorized"},
		{"admin unknown codelab", "/api/admin/ws?token=" + liveAdminToken + "&codelab=nope", "", 404, "not_found"},
	} {
		h := http.Header{}
		if tc.origin != "" {
			h.Set("Origin", tc.origin)
		}
		status, code := dialStatus(t, e.wsURL(tc.path), h)
		if status != tc.status || code != tc.code {
			t.Errorf("%s: got %d %q, want %d %q", tc.name, status, code, tc.status, tc.code)
		}
	}
}

// TestWSPlainGET: a plain GET on the WebSocket path is refused in the
// JSON error shape by the upgrader, not in gorilla's plain text.
func TestWSPlainGET(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	res, err := http.Get(e.srv.URL + "/ws?token=" + ta)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	json.NewDecoder(res.Body).Decode(&m)
	if res.StatusCode != 400 || errCode(m) != "websocket_handshake" {
		t.Errorf("plain GET /ws: got %d %v, want 400 websocket_handshake", res.StatusCode, m)
	}
}

func TestAdminWSFromLAN(t *testing.T) {
	lan := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.RemoteAddr = "192.168.1.50:40000"
			h.ServeHTTP(w, r)
		})
	}
	e := newLiveEnv(t, realtime.Options{}, lan)
	status, code := dialStatus(t, e.wsURL("/api/admin/ws?token="+liveAdminToken+"&codelab="+e.codelab), nil)
	if status != 403 || code != "admin_loopback_only" {
		t.Errorf("admin ws from LAN with the right token: got %d %q, want 403 admin_loopback_only", status, code)
	}
	// Attendees on the LAN are fine.
	ta, _ := e.register("Ann")
	e.attendeeWS(ta, 0)
}

func TestAttendeeCannotActAsAdmin(t *testing.T) {
	e := newLiveEnv(t, realtime.Options{}, nil)
	ta, _ := e.register("Ann")
	a := e.attendeeWS(ta, 0)
	a.send(map[string]any{"type": "announcement", "cid": "x", "text": "I am the teacher"})
	if m := a.next(); m["type"] != "error" || m["code"] != "forbidden" || m["cid"] != "x" {
		t.Errorf("attendee announcement: got %v, want error forbidden", m)
	}
	a.send(map[string]any{"type": "help_resolve", "cid": "y", "request_id": "whatever"})
	if m := a.next(); m["type"] != "error" || m["code"] != "help_not_found" {
		t.Errorf("attendee resolving someone's help: got %v, want help_not_found", m)
	}
}

func jsonUnmarshal(b []byte, v any) { json.Unmarshal(b, v) }

func storeViewer(id string) store.Viewer { return store.Viewer{ID: id} }
