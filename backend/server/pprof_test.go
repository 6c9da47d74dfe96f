package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// pprofGet asks base+path with an optional admin token and returns the status
// and body.
func pprofGet(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestPprofIsOffByDefault(t *testing.T) {
	t.Setenv(pprofEnv, "")
	s := start(t, testConfig(t, "127.0.0.1:0"))
	status, body := pprofGet(t, s.APIBase()+"/debug/pprof/cmdline", s.AdminToken())
	if strings.Contains(body, os.Args[0]) {
		t.Fatalf("got %d %q: pprof answered without %s=1", status, body, pprofEnv)
	}
}

func TestPprofNeedsTheAdminTokenFromLoopback(t *testing.T) {
	t.Setenv(pprofEnv, "1")
	s := start(t, testConfig(t, "127.0.0.1:0"))
	if status, body := pprofGet(t, s.APIBase()+"/debug/pprof/cmdline", ""); status != http.StatusUnauthorized || !strings.Contains(body, `"code":"unauthorized"`) {
		t.Fatalf("no token: got %d %s, want 401 unauthorized", status, body)
	}
	if status, _ := pprofGet(t, s.APIBase()+"/debug/pprof/cmdline", "wrong"); status != http.StatusUnauthorized {
		t.Fatalf("wrong token: got %d, want 401", status)
	}
	if status, body := pprofGet(t, s.APIBase()+"/debug/pprof/cmdline", s.AdminToken()); status != http.StatusOK || body == "" {
		t.Fatalf("admin token: got %d %q, want 200 and the command line", status, body)
	}
	// From the LAN the token does not help: the admin rule is loopback only.
	h := withPprof(http.NotFoundHandler(), s.api)
	req := httptest.NewRequest("GET", "/debug/pprof/cmdline", nil)
	req.RemoteAddr = "192.0.2.7:5555"
	req.Header.Set("Authorization", "Bearer "+s.AdminToken())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "admin_loopback_only") {
		t.Fatalf("LAN with token: got %d %s, want 403 admin_loopback_only", rec.Code, rec.Body.String())
	}
}
