//go:build windows

package discovery

import "syscall"

// reuseControl lets our responder share UDP 5353 with zeroconf's sockets;
// Windows has only SO_REUSEADDR.
func reuseControl(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(syscall.Handle(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
	})
	if err != nil {
		return err
	}
	return serr
}
