package importer

import "testing"

// A default language this version does not ship is dropped on import (the
// attendee's browser decides), never stored as an unusable tag.
func TestImportLanguage(t *testing.T) {
	for _, tc := range []struct{ meta, want string }{
		{`{"format":"opencodelabs-desktop","version":1,"language":"zh-TW"}`, "zh-TW"},
		{`{"format":"opencodelabs-desktop","version":1,"language":"tlh"}`, ""},
		{`{"format":"opencodelabs-desktop","version":1}`, ""},
	} {
		data := makeZip(t, entry{name: "codelab.json", data: `{"title":"L"}`}, entry{name: "step_01_A.md", data: "a"},
			entry{name: "opencodelabs-desktop.json", data: tc.meta})
		b, err := Import("l.zip", data)
		if err != nil {
			t.Fatalf("%s: %v", tc.meta, err)
		}
		if b.Codelab.Language != tc.want {
			t.Errorf("%s: got language %q, want %q", tc.meta, b.Codelab.Language, tc.want)
		}
	}
}
