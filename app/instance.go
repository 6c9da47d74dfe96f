package app

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// instanceID names the desktop app's single-instance lock. It depends on
// the data folder, like the server's own lock (backend/server/lock.go):
// one window per data folder, and a second launch on that folder brings
// the first window to the front.
func instanceID(dataDir string) string {
	if abs, err := filepath.Abs(dataDir); err == nil {
		dataDir = abs
	}
	sum := sha256.Sum256([]byte(dataDir))
	return "org.opencodelabs.desktop.i" + hex.EncodeToString(sum[:6])
}
