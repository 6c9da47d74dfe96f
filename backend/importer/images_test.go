package importer

import (
	"strings"
	"testing"
)

func TestRewriteImages(t *testing.T) {
	up := func(u string) string { return "/u/" + strings.TrimPrefix(u, "./") }
	tests := []struct{ in, want string }{
		{"![a](x.png)", "![a](/u/x.png)"},
		{"![a](./x.png \"T\") and ![b](y.png)", "![a](/u/x.png \"T\") and ![b](/u/y.png)"},
		{"![a](<my pic.png>)", "![a](</u/my pic.png>)"},
		{"![a]( x.png )", "![a]( /u/x.png )"},
		{"![a [nested]](x(1).png)", "![a [nested]](/u/x(1).png)"},
		{"[![badge](b.svg)](https://e.com)", "[![badge](/u/b.svg)](https://e.com)"},
		{`<img src="x.png" alt="a"> <IMG SRC='y.png'>`, `<img src="/u/x.png" alt="a"> <IMG SRC='/u/y.png'>`},
		{"`![a](x.png)` ![b](y.png)", "`![a](x.png)` ![b](/u/y.png)"},
		{"``a ` ![a](x.png)`` ![b](y.png)", "``a ` ![a](x.png)`` ![b](/u/y.png)"},
		{"```md\n![a](x.png)\n```\n![b](y.png)", "```md\n![a](x.png)\n```\n![b](/u/y.png)"},
		{"~~~~\n```\n![a](x.png)\n~~~~\n![b](y.png)\n", "~~~~\n```\n![a](x.png)\n~~~~\n![b](/u/y.png)\n"},
		{"[link](x.png) ![broken](x.png", "[link](x.png) ![broken](x.png"},
		{"![](  )", "![](  )"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RewriteImages(tt.in, up); got != tt.want {
			t.Errorf("RewriteImages(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLocalImagePath(t *testing.T) {
	tests := []struct{ dir, raw, want string }{
		{"", "img/a.png", "img/a.png"},
		{"lab", "./img/a.png?x=1#y", "lab/img/a.png"},
		{"lab", "../a.png", "a.png"},
		{"lab", "../../a.png", ""},
		{"", "/abs.png", ""},
		{"", "https://e.com/a.png", ""},
		{"", "data:image/png;base64,AAAA", ""},
		{"", "a%20b.png", "a b.png"},
		{"", "dir/with:colon.png", "dir/with:colon.png"},
		{"", `..\a.png`, ""},
	}
	for _, tt := range tests {
		if got := localImagePath(tt.dir, tt.raw); got != tt.want {
			t.Errorf("localImagePath(%q, %q): got %q, want %q", tt.dir, tt.raw, got, tt.want)
		}
	}
}
