package store

import (
	"errors"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// IsDiskFull reports whether err comes from a full disk: ENOSPC (or its
// Windows twins, diskfull_windows.go) from the file system, or SQLITE_FULL
// from the database, however deeply wrapped.
func IsDiskFull(err error) bool {
	if err == nil {
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		for _, e := range diskFullErrnos {
			if errno == e {
				return true
			}
		}
	}
	return false
}
