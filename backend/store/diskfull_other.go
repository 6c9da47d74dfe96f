//go:build !windows

package store

import "syscall"

var diskFullErrnos = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT}
