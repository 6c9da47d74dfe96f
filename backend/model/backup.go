package model

import (
	"time"
)

// BackupInfo is one automatic backup on disk.
type BackupInfo struct {
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	Size      int64     `json:"size"`
}

// Damage says why the database file at start could not be trusted.
type Damage struct {
	Reason     string    `json:"reason"`
	DetectedAt time.Time `json:"detected_at"`
}

// RestoreReport says where ApplyRestore kept the previous data, as paths
// relative to the data dir with forward slashes.
type RestoreReport struct {
	PreRestoreBackup string `json:"pre_restore_backup"`     // a backup archive of the data before ("" when it was damaged)
	DamagedCopy      string `json:"damaged_copy,omitempty"` // the damaged database files, moved aside
}
