package store

import (
	"context"
	"database/sql"
	"fmt"
)

// queryList runs a read query and scans every row with scan. An empty result
// is an empty slice, never nil, so it encodes as a JSON []. list names the
// query and item the row in the wrapped errors ("store: list codelabs",
// "store: scan codelab").
func queryList[T any](ctx context.Context, db *sql.DB, scan func(rowScanner) (*T, error), list, item, query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", list, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan %s: %w", item, err)
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}
