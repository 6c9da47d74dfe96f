package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"
)

// The -contend hogs: one CPU-bound child process per core beside the
// server, as a facilitator's IDE, compiler and screen recorder would be.
// They start just before the measured phase, are killed by PID when it
// ends, die with the harness (Pdeathsig on Linux) and stop by themselves
// after their time bound in any case.

type hogs struct{ cmds []*exec.Cmd }

// startHogs starts n busy children bounded to limit; n = 0 starts none.
func startHogs(n int, limit time.Duration) (*hogs, error) {
	h := &hogs{}
	if n <= 0 {
		return h, nil
	}
	self, err := os.Executable()
	if err != nil {
		return h, err
	}
	for range n {
		cmd := exec.Command(self, "busy", strconv.FormatInt(int64(limit/time.Millisecond), 10))
		setDeathSignal(cmd)
		if err := cmd.Start(); err != nil {
			h.stop()
			return &hogs{}, fmt.Errorf("start CPU hog: %w", err)
		}
		h.cmds = append(h.cmds, cmd)
	}
	return h, nil
}

// stop kills every hog by PID and reaps it.
func (h *hogs) stop() {
	for _, c := range h.cmds {
		_ = c.Process.Kill() // fails only when it has already exited
		_ = c.Wait()         // killed: its exit status says nothing
	}
	h.cmds = nil
}

// runBusy is a hog's main: spin on one core for at most ms milliseconds.
func runBusy(arg string) int {
	ms, err := strconv.Atoi(arg)
	if err != nil || ms <= 0 || ms > 15*60*1000 {
		return 2
	}
	runtime.GOMAXPROCS(1)
	end := time.Now().Add(time.Duration(ms) * time.Millisecond)
	x := uint64(1)
	for time.Now().Before(end) {
		for i := 0; i < 100000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	if x == 0 {
		fmt.Println(x) // keeps the loop from being optimised away
	}
	return 0
}

// contendCount turns the -contend flag into a number of hogs.
func contendCount(on bool) int {
	if !on {
		return 0
	}
	return runtime.NumCPU()
}
