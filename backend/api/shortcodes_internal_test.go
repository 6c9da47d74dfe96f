package api

import "testing"

func TestShortCodeCollisions(t *testing.T) {
	// Oldest first, as shortIndex builds it: b shares a's first 4 and c shares b's first 5.
	idx := shortIndex{
		{"a", "KM7QRST23456"},
		{"b", "KM7QXYZ23456"},
		{"c", "KM7QXWZ23456"},
		{"d", "P3RS22222222"},
	}
	for _, tc := range []struct{ id, want string }{
		{"a", "KM7Q"}, // the oldest keeps the short code
		{"b", "KM7QX"},
		{"c", "KM7QXW"},
		{"d", "P3RS"},
		{"gone", ""},
	} {
		if got := idx.codeOf(tc.id); got != tc.want {
			t.Errorf("codeOf(%s): got %q, want %q", tc.id, got, tc.want)
		}
		if tc.want != "" {
			if got := idx.resolve(tc.want); got != tc.id {
				t.Errorf("resolve(%s): got %q, want %q", tc.want, got, tc.id)
			}
		}
	}
	if got := idx.resolve("ZZZZ"); got != "" {
		t.Errorf("resolve(ZZZZ): got %q, want none", got)
	}
}

func TestShortCodeShape(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range []string{"k3j4h5g6", "abc", "x"} {
		full := fullShortCode(id)
		if full != fullShortCode(id) {
			t.Fatalf("fullShortCode(%s) is not stable", id)
		}
		if code, ok := normalizeShortCode(full[:4]); !ok || code != full[:4] {
			t.Fatalf("code %q of %s: want 4 valid characters", full[:4], id)
		}
		seen[full] = true
	}
	if len(seen) != 3 {
		t.Fatalf("got %d distinct codes for 3 ids, want 3", len(seen))
	}
	for in, want := range map[string]string{" p3rs ": "P3RS", "O0I1": "", "ABC": "", "AB-D": ""} {
		if got, _ := normalizeShortCode(in); got != want {
			t.Errorf("normalizeShortCode(%q): got %q, want %q", in, got, want)
		}
	}
}
