//go:build unix

package server

import "syscall"

// raiseFileLimit lifts the soft limit on open files to the hard limit and
// returns the limit now in force. Go's os package does the same on start
// since Go 1.19; doing it here too keeps it visible and gives Start the
// number to cap connections by.
func raiseFileLimit() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	if lim.Cur < lim.Max {
		want := lim
		want.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
			return lim.Cur, err // macOS refuses above OPEN_MAX; keep what we have
		}
		lim.Cur = lim.Max
	}
	return lim.Cur, nil
}
