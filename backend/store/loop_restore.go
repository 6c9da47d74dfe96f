package store

import (
	"context"
	"database/sql"
	"fmt"
)

// checkLoopRows refuses a backup whose submissions name files that are not
// bare random names of ours (such a row could point outside the
// submissions folder) or whose certificate key is damaged. A backup from
// before the workshop loop has neither table and passes.
func checkLoopRows(ctx context.Context, dbPath string) error {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return fmt.Errorf("store: open backup database: %w", err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
		AND name IN ('submissions', 'certificate_keys')`).Scan(&tables); err != nil {
		return invalid("the backup database cannot be read: %v", err)
	}
	if tables < 2 {
		return nil
	}
	names, err := SubmissionFileNames(ctx, db)
	if err != nil {
		return invalid("the backup's submissions cannot be read: %v", err)
	}
	for _, n := range names {
		if !SubmissionNameRx.MatchString(n) {
			return invalid("a submission names the file %q, which is not a stored file name", n)
		}
	}
	var bad int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM certificate_keys WHERE length(seed) != 32 OR length(public_key) != 32`).
		Scan(&bad); err != nil {
		return invalid("the backup's certificate key cannot be read: %v", err)
	}
	if bad > 0 {
		return invalid("the backup's certificate key is damaged")
	}
	return nil
}
