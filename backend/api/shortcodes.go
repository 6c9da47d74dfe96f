package api

import (
	"context"
	"crypto/sha256"
	"sort"
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// shortCodeAlphabet has no characters people confuse when reading them off
// a projector (0/O, 1/I/L) and no U or E, which would let codes spell words.
const shortCodeAlphabet = "ABCDFGHJKMNPQRSTVWXYZ23456789"

const (
	shortCodeMin = 4  // 29^4 ≈ 700,000 codes
	shortCodeMax = 12 // longest code derived
)

// fullShortCode derives a codelab's code sequence from its id: no storage,
// the same on every start and in every backup. A codelab's code is the
// shortest prefix (at least 4 characters) that points at it (see shortCodeOf).
func fullShortCode(id string) string {
	sum := sha256.Sum256([]byte("opencodelabs short link\x00" + id))
	out := make([]byte, shortCodeMax)
	for i := range out {
		out[i] = shortCodeAlphabet[int(sum[i])%len(shortCodeAlphabet)]
	}
	return string(out)
}

// normalizeShortCode uppercases a typed code and reports whether it can be one.
func normalizeShortCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < shortCodeMin || len(s) > shortCodeMax {
		return "", false
	}
	for _, r := range s {
		if !strings.ContainsRune(shortCodeAlphabet, r) {
			return "", false
		}
	}
	return s, true
}

// shortIndex holds every codelab's derived code, oldest codelab first.
type shortIndex []struct{ id, full string }

func (a *API) shortIndex(ctx context.Context) (shortIndex, error) {
	list, err := a.Store.ListCodelabs(ctx, false)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, j int) bool { return older(&list[i], &list[j]) })
	idx := make(shortIndex, len(list))
	for i, c := range list {
		idx[i].id, idx[i].full = c.ID, fullShortCode(c.ID)
	}
	return idx, nil
}

func older(x, y *model.Codelab) bool {
	if !x.CreatedAt.Equal(y.CreatedAt) {
		return x.CreatedAt.Before(y.CreatedAt)
	}
	return x.ID < y.ID
}

// resolve finds the codelab a typed code points at: the oldest one whose
// derived code starts with it. So a code never moves to a newer codelab.
func (idx shortIndex) resolve(code string) string {
	for _, e := range idx {
		if strings.HasPrefix(e.full, code) {
			return e.id
		}
	}
	return ""
}

// codeOf is the shortest code (at least 4 characters) that resolves to id,
// or "" when id is not in the index. Only in the rare case that an older
// codelab shares its first 4 characters does a codelab get a longer code; an
// older codelab's code never changes when newer ones appear.
func (idx shortIndex) codeOf(id string) string {
	for _, e := range idx {
		if e.id != id {
			continue
		}
		for n := shortCodeMin; n < len(e.full); n++ {
			if idx.resolve(e.full[:n]) == id {
				return e.full[:n]
			}
		}
		return e.full
	}
	return ""
}

// shortCode is the join code of one existing codelab.
func (a *API) shortCode(ctx context.Context, id string) (string, error) {
	idx, err := a.shortIndex(ctx)
	if err != nil {
		return "", err
	}
	code := idx.codeOf(id)
	if code == "" {
		return "", store.ErrNotFound
	}
	return code, nil
}
