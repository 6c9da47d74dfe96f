//go:build windows

package store

import "syscall"

// ERROR_HANDLE_DISK_FULL (39) and ERROR_DISK_FULL (112).
var diskFullErrnos = []syscall.Errno{syscall.ENOSPC, 39, 112}
