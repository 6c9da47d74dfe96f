package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/store"
)

func TestValidatePoll(t *testing.T) {
	for _, tc := range []struct {
		name     string
		question string
		options  []string
		code     string
	}{
		{"fine", " Tea? ", []string{" Yes ", "No"}, ""},
		{"ten options", "Q", strings.Split("a b c d e f g h i j", " "), ""},
		{"empty question", " \n ", []string{"a", "b"}, "empty_question"},
		{"control character", "Q\x07", []string{"a", "b"}, "invalid_question"},
		{"long question", strings.Repeat("é", 301), []string{"a", "b"}, "invalid_question"},
		{"no options", "Q", nil, "too_few_options"},
		{"one option", "Q", []string{"a"}, "too_few_options"},
		{"eleven options", "Q", strings.Split("a b c d e f g h i j k", " "), "too_many_options"},
		{"blank option", "Q", []string{"a", "  "}, "empty_option"},
		{"long option", "Q", []string{"a", strings.Repeat("x", 121)}, "invalid_option_text"},
		{"newline in option", "Q", []string{"a", "b\nc"}, "invalid_option_text"},
		{"same option, other case", "Q", []string{"Yes", "no", "YES "}, "duplicate_option"},
	} {
		q, opts, err := store.ValidatePoll(tc.question, tc.options)
		var oe *store.OpError
		switch {
		case tc.code == "" && err != nil:
			t.Errorf("%s: got %v, want no error", tc.name, err)
		case tc.code == "" && (q != strings.TrimSpace(tc.question) || opts[0] != strings.TrimSpace(tc.options[0])):
			t.Errorf("%s: got %q %q, want trimmed values", tc.name, q, opts)
		case tc.code != "" && (!errors.As(err, &oe) || oe.Code != tc.code || !errors.Is(err, store.ErrInvalid)):
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.code)
		}
	}
}
