package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/realtime"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

const liveAdminToken = "admin-token-for-tests"

// plainRenderer stands in for goldmark: these tests are about live features.
type plainRenderer struct{}

func (plainRenderer) Render(src string) (string, error) {
	return "<p>" + html.EscapeString(src) + "</p>", nil
}

// liveEnv is a real API with a real hub and SQLite behind httptest.
type liveEnv struct {
	t       *testing.T
	srv     *httptest.Server
	st      *store.Store
	hub     *realtime.Hub
	codelab string // access code "letmein", 3 steps
	left    chan realtime.Identity
}

func newLiveEnv(t *testing.T, opts realtime.Options, wrap func(http.Handler) http.Handler) *liveEnv {
	t.Helper()
	st := storetest.New(t)
	e := &liveEnv{t: t, st: st, left: make(chan realtime.Identity, 64)}
	opts.CheckOrigin = api.CheckWSOrigin
	opts.UpgradeError = api.WSUpgradeError
	opts.OnLeave = func(id realtime.Identity) { e.left <- id }
	e.hub = realtime.NewHub(opts)
	events := store.NewEventLog(st, api.PublishTo(e.hub))
	var h http.Handler = api.New(api.Config{Store: st, Markdown: plainRenderer{}, AdminToken: liveAdminToken, Hub: e.hub, Events: events})
	if wrap != nil {
		h = wrap(h)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		e.hub.Close(ctx)
		e.srv.Close()
		events.Close()
	})
	e.codelab = e.newCodelab("letmein")
	return e
}

func (e *liveEnv) newCodelab(code string) string {
	c := &model.Codelab{Title: "Live", IsPublic: true, AccessCode: code, Steps: []model.Step{
		{Title: "One", Markdown: "1"}, {Title: "Two", Markdown: "2"}, {Title: "Three", Markdown: "3"}}}
	if err := e.st.CreateCodelab(context.Background(), c); err != nil {
		e.t.Fatal(err)
	}
	return c.ID
}

// do sends a JSON request and decodes the JSON answer into a map.
func (e *liveEnv) do(method, path, token string, body any) (int, map[string]any) {
	e.t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var out map[string]any
	var raw json.RawMessage
	json.NewDecoder(res.Body).Decode(&raw)
	if json.Unmarshal(raw, &out) != nil {
		out = map[string]any{"list": raw}
	}
	return res.StatusCode, out
}

func errCode(m map[string]any) string {
	if e, ok := m["error"].(map[string]any); ok {
		s, _ := e["code"].(string)
		return s
	}
	return ""
}

// register adds an attendee to the env's codelab and returns token and id.
func (e *liveEnv) register(name string) (token, id string) {
	e.t.Helper()
	status, m := e.do("POST", "/api/codelabs/"+e.codelab+"/attendees", "", map[string]string{"name": name, "code": "letmein"})
	if status != http.StatusCreated {
		e.t.Fatalf("register %s: got %d %v, want 201", name, status, m)
	}
	return m["token"].(string), m["attendee"].(map[string]any)["id"].(string)
}

type wsClient struct {
	t *testing.T
	c *websocket.Conn
}

func (e *liveEnv) wsURL(path string) string {
	return "ws" + strings.TrimPrefix(e.srv.URL, "http") + path
}

// dial opens a WebSocket and waits for its "ready" frame (replay done).
func (e *liveEnv) dial(path string) *wsClient {
	e.t.Helper()
	w := e.dialRaw(path)
	w.waitType("ready")
	return w
}

func (e *liveEnv) dialRaw(path string) *wsClient {
	e.t.Helper()
	c, res, err := websocket.DefaultDialer.Dial(e.wsURL(path), nil)
	if err != nil {
		status := 0
		if res != nil {
			status = res.StatusCode
		}
		e.t.Fatalf("dial %s: %v (status %d)", path, err, status)
	}
	w := &wsClient{t: e.t, c: c}
	e.t.Cleanup(func() { c.Close() })
	return w
}

func (e *liveEnv) attendeeWS(token string, since int64) *wsClient {
	return e.dial("/ws?token=" + token + "&since=" + itoa(since))
}

func (e *liveEnv) adminWS() *wsClient {
	return e.dial("/api/admin/ws?token=" + liveAdminToken + "&codelab=" + e.codelab)
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func (w *wsClient) send(v any) {
	w.t.Helper()
	if err := w.c.WriteJSON(v); err != nil {
		w.t.Fatalf("send: %v", err)
	}
}

// next reads one frame; the deadline only guards against a hung test.
func (w *wsClient) next() map[string]any {
	w.t.Helper()
	w.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var m map[string]any
	if err := w.c.ReadJSON(&m); err != nil {
		w.t.Fatalf("read frame: %v", err)
	}
	return m
}

// waitFor skips frames until one matches.
func (w *wsClient) waitFor(desc string, match func(map[string]any) bool) map[string]any {
	w.t.Helper()
	for {
		m := w.next()
		if match(m) {
			return m
		}
	}
}

func (w *wsClient) waitType(typ string) map[string]any {
	w.t.Helper()
	return w.waitFor(typ, func(m map[string]any) bool { return m["type"] == typ })
}

// nextNot reads the next frame that is not of the skipped types.
func (w *wsClient) nextNot(skip ...string) map[string]any {
	w.t.Helper()
	for {
		m := w.next()
		keep := true
		for _, s := range skip {
			if m["type"] == s {
				keep = false
			}
		}
		if keep {
			return m
		}
	}
}

// chat sends a chat and returns the acked seq.
func (w *wsClient) chat(cid, text string) int64 {
	w.t.Helper()
	w.send(map[string]any{"type": "chat", "cid": cid, "text": text})
	ack := w.waitFor("ack "+cid, func(m map[string]any) bool { return m["type"] == "ack" && m["cid"] == cid })
	return int64(ack["seq"].(float64))
}

func seqOf(m map[string]any) int64 {
	f, _ := m["seq"].(float64)
	return int64(f)
}
