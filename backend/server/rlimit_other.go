//go:build !unix

package server

// raiseFileLimit is a no-op where there is no RLIMIT_NOFILE (Windows has no
// per-process socket limit of that kind); 0 means unknown.
func raiseFileLimit() (uint64, error) { return 0, nil }
