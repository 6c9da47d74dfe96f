package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestGuessLimitIPv6Prefix: addresses of one IPv6 /64 share one budget of
// wrong codes, so rotating addresses inside the /64 gains nothing.
func TestGuessLimitIPv6Prefix(t *testing.T) {
	a, _ := newAPI(t)
	coded := create(t, a, `{"title":"Coded","is_public":true,"access_code":"s3cret"}`)
	reg := "/api/codelabs/" + coded + "/attendees"
	for i := 1; i <= 10; i++ {
		scenario{name: fmt.Sprint("guess ", i), method: "POST", url: reg, body: `{"name":"x","code":"nope"}`,
			remote: fmt.Sprintf("[2001:db8:1:2::%x]:4000", i), wantStatus: 403, wantIn: []string{`"code":"wrong_code"`}}.run(t, a)
	}
	for _, sc := range []scenario{
		{name: "11th guess from a new address of the same /64", method: "POST", url: reg, body: `{"name":"x","code":"nope"}`,
			remote: "[2001:db8:1:2:ffff:1:2:3]:4000", wantStatus: http.StatusTooManyRequests, wantIn: []string{`"code":"slow_down"`}},
		{name: "continue codes share the budget", method: "POST", url: reg + "/continue", body: `{"continue_code":"AAAAAA"}`,
			remote: "[2001:db8:1:2::99]:4000", wantStatus: http.StatusTooManyRequests, wantIn: []string{`"code":"slow_down"`}},
		{name: "another /64 still has its budget", method: "POST", url: reg, body: `{"name":"x","code":"nope"}`,
			remote: "[2001:db8:1:3::1]:4000", wantStatus: 403, wantIn: []string{`"code":"wrong_code"`}},
		{name: "IPv4 clients count by exact address", method: "POST", url: reg, body: `{"name":"x","code":"nope"}`,
			remote: "192.168.1.10:4000", wantStatus: 403, wantIn: []string{`"code":"wrong_code"`}},
	} {
		sc.run(t, a)
	}
}

// TestGuessLimitPerCodelab: many addresses together get 100 wrong codes
// per codelab per minute, not 10 each.
func TestGuessLimitPerCodelab(t *testing.T) {
	a, _ := newAPI(t)
	coded := create(t, a, `{"title":"Coded","is_public":true,"access_code":"s3cret"}`)
	other := create(t, a, `{"title":"Other","is_public":true,"access_code":"other"}`)
	reg := "/api/codelabs/" + coded + "/attendees"
	for i := range 100 {
		scenario{name: fmt.Sprint("guess ", i), method: "POST", url: reg, body: `{"name":"x","code":"nope"}`,
			remote: fmt.Sprintf("10.0.%d.%d:4000", i/250, i%250+1), wantStatus: 403}.run(t, a)
	}
	for _, sc := range []scenario{
		{name: "101st guess from a fresh address", method: "POST", url: reg, body: `{"name":"x","code":"nope"}`,
			remote: "10.9.9.9:4000", wantStatus: http.StatusTooManyRequests, wantIn: []string{`"code":"slow_down"`}},
		{name: "the right code waits too (it cannot be told from a guess)", method: "POST", url: reg, body: `{"name":"x","code":"s3cret"}`,
			remote: "10.9.9.10:4000", wantStatus: http.StatusTooManyRequests},
		{name: "another codelab is not affected", method: "POST", url: "/api/codelabs/" + other + "/attendees",
			body: `{"name":"x","code":"other"}`, remote: "10.9.9.9:4000", wantStatus: 201},
	} {
		sc.run(t, a)
	}
}
