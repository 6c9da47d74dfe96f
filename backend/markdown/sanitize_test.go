package markdown

import "testing"

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.com/a?b=c#d", true},
		{"http://example.com", true},
		{"HTTPS://EXAMPLE.COM", true},
		{"mailto:a@example.com", true},
		{"img/arch.png", true},
		{"../step-2.md", true},
		{"/abs/path", true},
		{"//example.com/x", true},
		{"#set-up", true},
		{"?x=1", true},
		{"docs/a:b", true}, // the colon is after a slash: a path, not a scheme
		{"", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{" javascript:alert(1)", false},
		{"\x01javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"java&#x09;script:alert(1)", false},
		{"java&#9;script:alert(1)", false},
		{"&#106;avascript:alert(1)", false},
		{"javascript&colon;alert(1)", false},
		{"javascript%3Aalert(1)", false},
		{"vbscript:msgbox(1)", false},
		{"VBScript:msgbox(1)", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"data:image/png;base64,iVBORw0KGgo=", false},
		{"file:///etc/passwd", false},
		{"ftp://example.com", false},
		{"tel:+123", false},
		{"foo:bar", false},
		{":nothing", false},
	}
	for _, tt := range tests {
		if got := safeURL(tt.url); got != tt.want {
			t.Errorf("safeURL(%q): got %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestURLScheme(t *testing.T) {
	tests := []struct {
		url    string
		scheme string
		ok     bool
	}{
		{"HTTP://x", "http", true},
		{" \tjava\nscript:x", "javascript", true},
		{"a/b:c", "", false},
		{"a?b:c", "", false},
		{"a#b:c", "", false},
		{"plain", "", false},
	}
	for _, tt := range tests {
		s, ok := urlScheme(tt.url)
		if s != tt.scheme || ok != tt.ok {
			t.Errorf("urlScheme(%q): got (%q, %v), want (%q, %v)", tt.url, s, ok, tt.scheme, tt.ok)
		}
	}
}
