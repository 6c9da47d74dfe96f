package store_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// TestRestoreRefusesSubmissionRowsPointingOutside: a backup whose
// submission row names "../../x" is refused before anything changes.
func TestRestoreRefusesSubmissionRowsPointingOutside(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, file string
		ok         bool
	}{
		{"ours", "abcdefghijklmnopqrstuvwxyz234567.png", true},
		{"parent path", "../../etc/passwd", false},
		{"absolute", "/etc/passwd", false},
		{"subfolder", "a/abcdefghijklmnopqrstuvwxyz234567", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := storetest.New(t)
			c := &model.Codelab{Title: "L", IsPublic: true}
			if err := st.CreateCodelab(ctx, c); err != nil {
				t.Fatal(err)
			}
			reg, err := st.RegisterAttendee(ctx, c.ID, "Ann", "")
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.CertificateKey(ctx); err != nil {
				t.Fatal(err)
			}
			err = st.Write(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO submissions (id, codelab_id, attendee_id, kind, title, file_name, created_at)
					VALUES ('s1', ?, ?, 'file', 't', ?, '2026-01-01T00:00:00Z')`, c.ID, reg.Attendee.ID, tc.file)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			archive := filepath.Join(dir, "b.zip")
			if _, err := st.WriteBackupFile(ctx, archive, filepath.Join(dir, "uploads")); err != nil {
				t.Fatal(err)
			}
			ex, err := st.VerifyBackup(ctx, archive, dir)
			var be *store.BackupError
			if tc.ok && err != nil || !tc.ok && !errors.As(err, &be) {
				t.Fatalf("VerifyBackup: got %v, want ok=%v", err, tc.ok)
			}
			if ex != nil {
				ex.Remove()
			}
		})
	}
}
