package server

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"
)

// Files in the data dir that mark the running server.
const (
	lockFileName = "opencodelabs.lock" // held with an OS lock (flock / LockFileEx) while serving
	urlFileName  = "server.url"        // the running server's URL, for a second launch to name
)

// AlreadyRunningError is returned by Start when another server holds the
// data dir: two servers on one database refuse each other's writes
// (SQLITE_BUSY) and each delivers only its own live messages.
type AlreadyRunningError struct {
	DataDir string
	URL     string // empty while the other server is still starting
}

func (e *AlreadyRunningError) Error() string {
	where := "it is still starting"
	if e.URL != "" {
		where = "it is at " + e.URL
	}
	return fmt.Sprintf("another Open Codelabs server is already using the data folder %s (%s); "+
		"use that one, stop it first, or start this one with another --data-dir", e.DataDir, where)
}

// dirLock is the data dir's lock, released by the OS if the process dies.
type dirLock struct {
	dir  string
	lock *flock.Flock
}

// lockDataDir takes the data dir's lock without waiting.
func lockDataDir(dir string) (*dirLock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("server: data folder %s: %w", dir, err)
	}
	l := flock.New(filepath.Join(dir, lockFileName))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("server: lock data folder %s: %w", dir, err)
	}
	if !ok {
		url, _ := os.ReadFile(filepath.Join(dir, urlFileName))
		return nil, &AlreadyRunningError{DataDir: dir, URL: strings.TrimSpace(string(url))}
	}
	return &dirLock{dir: dir, lock: l}, nil
}

// publish writes the URL a second launch will name.
func (d *dirLock) publish(url string) error {
	return os.WriteFile(filepath.Join(d.dir, urlFileName), []byte(url+"\n"), 0o600)
}

// release removes the URL file and lets the next server in.
func (d *dirLock) release() error {
	rmErr := os.Remove(filepath.Join(d.dir, urlFileName))
	if errors.Is(rmErr, os.ErrNotExist) {
		rmErr = nil
	}
	return errors.Join(rmErr, d.lock.Unlock())
}
