package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

func TestNormalizeShortCode(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"P3RS", "P3RS", true},
		{" p3rs ", "P3RS", true},
		{"O0I1", "", false}, // characters people misread are never in a code
		{"ABC", "", false},
		{"ABCDE", "", false},
		{"AB-D", "", false},
	} {
		got, ok := store.NormalizeShortCode(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeShortCode(%q): got %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestShortCodes(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	a := &model.Codelab{Title: "A"}
	b := &model.Codelab{Title: "B"}
	for _, c := range []*model.Codelab{a, b} {
		if err := s.CreateCodelab(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// Many first uses at once agree on one code.
	codes := make([]string, 8)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := s.ShortCode(ctx, a.ID)
			if err != nil {
				t.Error(err)
			}
			codes[i] = code
		}()
	}
	wg.Wait()
	for _, c := range codes {
		if c != codes[0] {
			t.Fatalf("concurrent first uses: got codes %v, want one", codes)
		}
	}
	if _, ok := store.NormalizeShortCode(codes[0]); !ok {
		t.Fatalf("code %q is not a valid short code", codes[0])
	}
	cb, err := s.ShortCode(ctx, b.ID)
	if err != nil || cb == codes[0] {
		t.Fatalf("second codelab: got %q %v, want its own code", cb, err)
	}
	if id, err := s.CodelabByShortCode(ctx, codes[0]); err != nil || id != a.ID {
		t.Fatalf("CodelabByShortCode(%q): got %q %v, want %q", codes[0], id, err, a.ID)
	}
	if _, err := s.CodelabByShortCode(ctx, "ZZZZ"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown code: got %v, want ErrNotFound", err)
	}
	if _, err := s.ShortCode(ctx, "no-such-codelab"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown codelab: got %v, want ErrNotFound", err)
	}
}
