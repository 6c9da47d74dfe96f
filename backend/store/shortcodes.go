package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ShortCodeAlphabet has no characters people confuse when reading them off
// a projector (0/O, 1/I/L) and no vowels U/E that could spell words.
const ShortCodeAlphabet = "ABCDFGHJKMNPQRSTVWXYZ23456789"

// ShortCodeLen is the length of a codelab's join code: 29^4 ≈ 700,000 codes.
const ShortCodeLen = 4

// NormalizeShortCode uppercases a typed code and reports whether it can be one.
func NormalizeShortCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != ShortCodeLen {
		return "", false
	}
	for _, r := range s {
		if !strings.ContainsRune(ShortCodeAlphabet, r) {
			return "", false
		}
	}
	return s, true
}

func newShortCode() string {
	b := make([]byte, ShortCodeLen)
	out := make([]byte, ShortCodeLen)
	for i := 0; i < ShortCodeLen; {
		if _, err := rand.Read(b[i : i+1]); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		// Reject the top values so every character is equally likely.
		if int(b[i]) < 256-256%len(ShortCodeAlphabet) {
			out[i] = ShortCodeAlphabet[int(b[i])%len(ShortCodeAlphabet)]
			i++
		}
	}
	return string(out)
}

// ShortCode returns the codelab's join code, giving it one on first use.
// The code never changes afterwards, so printed handouts stay valid.
func (s *Store) ShortCode(ctx context.Context, codelabID string) (string, error) {
	var code sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT short_code FROM codelabs WHERE id = ?`, codelabID).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: short code: %w", err)
	}
	if code.Valid && code.String != "" {
		return code.String, nil
	}
	for range 20 {
		try := newShortCode()
		err := s.Write(ctx, func(tx *sql.Tx) error {
			// Another request may have assigned one meanwhile: keep theirs.
			if _, err := tx.ExecContext(ctx, `UPDATE codelabs SET short_code = ? WHERE id = ? AND short_code IS NULL`, try, codelabID); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT short_code FROM codelabs WHERE id = ?`, codelabID).Scan(&code)
		})
		if errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("store: codelab %q: %w", codelabID, ErrNotFound)
		}
		if err != nil && strings.Contains(err.Error(), "UNIQUE") {
			continue // taken by another codelab: draw again
		}
		if err != nil {
			return "", fmt.Errorf("store: assign short code: %w", err)
		}
		return code.String, nil
	}
	return "", fmt.Errorf("store: assign short code: no free code after 20 draws")
}

// CodelabByShortCode returns the id of the codelab with that join code.
func (s *Store) CodelabByShortCode(ctx context.Context, code string) (string, error) {
	var id string
	err := s.read.QueryRowContext(ctx, `SELECT id FROM codelabs WHERE short_code = ?`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: short code %q: %w", code, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: find short code: %w", err)
	}
	return id, nil
}
