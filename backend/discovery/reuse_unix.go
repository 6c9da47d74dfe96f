//go:build linux || darwin

package discovery

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// reuseControl lets our responder share UDP 5353 with zeroconf's sockets and
// with the system's own mDNS daemon (Avahi, mDNSResponder).
func reuseControl(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		if serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); serr != nil {
			return
		}
		serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
	})
	if err != nil {
		return err
	}
	return serr
}
