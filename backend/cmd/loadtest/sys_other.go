//go:build !linux

package main

import (
	"errors"
	"os/exec"
)

// raiseFileLimit is a no-op outside Linux; raise `ulimit -n` by hand.
func raiseFileLimit(want uint64) error { return nil }

func setDeathSignal(cmd *exec.Cmd) {}

// readRSSMB needs /proc; memory is not reported elsewhere.
func readRSSMB(pid int) (float64, error) { return 0, errors.New("RSS needs Linux /proc") }

func loadAvg() string { return "?" }
