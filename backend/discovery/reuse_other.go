//go:build !linux && !darwin && !windows

package discovery

import "syscall"

// reuseControl is a no-op where we do not know the socket options; binding
// 5353 then fails if another responder holds it, and Status reports that.
func reuseControl(_, _ string, _ syscall.RawConn) error { return nil }
