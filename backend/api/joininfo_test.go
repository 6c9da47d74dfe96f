package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/api"
	"github.com/opencodelabs/desktop/backend/markdown"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

type joinOut struct {
	URLs        []string `json:"urls"`
	QRURL       string   `json:"qr_url"`
	QRSVG       string   `json:"qr_svg"`
	MDNSURL     string   `json:"mdns_url"`
	Warnings    []string `json:"warnings"`
	AccessCode  string   `json:"access_code"`
	HasLAN      bool     `json:"has_lan"`
	CodelabName string   `json:"codelab_title"`
}

func TestJoinInfo(t *testing.T) {
	info := api.JoinInfo{Name: "room5", MDNSHost: "room5.local", MDNSRunning: true, HasLAN: true,
		URLs: []string{"http://room5.local:8080/", "http://192.168.1.23:8080/", "http://10.0.0.5:8080/"}}
	a := api.New(api.Config{Store: storetest.New(t), Markdown: markdown.New(), AdminToken: adminToken,
		JoinInfo: func() api.JoinInfo { return info }})
	id := create(t, a, `{"title":"Go","is_public":true,"access_code":"GOPHER"}`)

	var got joinOut
	body := scenario{name: "join", method: "GET", url: "/api/admin/join-info", admin: true, wantStatus: 200}.run(t, a)
	json.Unmarshal([]byte(body), &got)
	// Phones often cannot resolve .local: the QR carries the first IP URL.
	if got.QRURL != "http://192.168.1.23:8080/" || got.MDNSURL != "http://room5.local:8080/" || len(got.Warnings) != 0 {
		t.Fatalf("got qr %q mdns %q warnings %v, want the first IP URL, the .local URL, no warnings", got.QRURL, got.MDNSURL, got.Warnings)
	}
	if !strings.HasPrefix(got.QRSVG, "<svg") || len(got.URLs) != 3 {
		t.Fatalf("got svg %.20q and %d urls, want an SVG and all three URLs", got.QRSVG, len(got.URLs))
	}

	body = scenario{name: "join codelab", method: "GET", url: "/api/admin/join-info?codelab=" + id, admin: true, wantStatus: 200}.run(t, a)
	got = joinOut{}
	json.Unmarshal([]byte(body), &got)
	if !strings.HasPrefix(got.QRURL, "http://192.168.1.23:8080/c/") || got.AccessCode != "GOPHER" || got.CodelabName != "Go" {
		t.Fatalf("got %+v, want the codelab's URL, access code and title", got)
	}
	scenario{name: "unknown codelab", method: "GET", url: "/api/admin/join-info?codelab=nope", admin: true, wantStatus: 404}.run(t, a)
	scenario{name: "LAN client", method: "GET", url: "/api/admin/join-info", admin: true, remote: "192.168.1.50:3000", wantStatus: 403}.run(t, a)

	info = api.JoinInfo{Name: "room5", URLs: []string{"http://127.0.0.1:8080/"}, MDNSError: "port 5353 in use"}
	body = scenario{name: "unreachable", method: "GET", url: "/api/admin/join-info", admin: true, wantStatus: 200,
		wantIn: []string{"no network address", "port 5353 in use", // English, then the codes the apps translate
			`"notices":[{"code":"no_lan","message":"This computer`, `{"code":"mdns_failed","params":{"error":"port 5353 in use","name":"room5.local"}`}}.run(t, a)
	got = joinOut{}
	json.Unmarshal([]byte(body), &got)
	if got.HasLAN || len(got.Warnings) != 2 {
		t.Fatalf("got has_lan %v warnings %v, want false and two warnings", got.HasLAN, got.Warnings)
	}
}
