//go:build unix

package server

import (
	"syscall"
	"testing"
)

func TestRaiseFileLimit(t *testing.T) {
	n, err := raiseFileLimit()
	if err != nil {
		t.Skipf("this system refuses to raise the limit: %v", err)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if lim.Cur != lim.Max || n != lim.Cur {
		t.Fatalf("got soft %d, hard %d, reported %d; want soft = hard = reported", lim.Cur, lim.Max, n)
	}
}
