package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// -profile DIR: the product runs with OPENCODELABS_PPROF=1 (pprof by the
// admin rule, block and mutex sampling on: backend/server/pprof.go) and
// GODEBUG=gctrace=1. During the measured phase the harness takes a CPU
// profile and an execution trace; after the drain, with every socket still
// open, the allocation, heap, block, mutex and goroutine profiles. Files
// are named n<N>-<scenario>[-contend]-pair<K>-<kind>, e.g.
// n2000-steady-pair1-cpu.pprof; read them with `go tool pprof` and
// `go tool trace`. Profiling costs the product a little, so a profiled run's
// latencies are not compared with the floor's (docs/performance.md).

// burstWindow is how long the CPU profile and trace of a burst run last:
// three rounds a second apart and the deliveries behind them.
const burstWindow = 6 * time.Second

// maxTraceWindow bounds the execution trace (tens of MB a second at N = 2,000).
const maxTraceWindow = 3 * time.Second

type profiler struct {
	dir, prefix string
	base, token string
	gcLog       *os.File
	wg          sync.WaitGroup
}

func newProfiler(o options, n int) (*profiler, error) {
	if err := os.MkdirAll(o.profile, 0o750); err != nil {
		return nil, fmt.Errorf("-profile: %w", err)
	}
	prefix := "n" + strconv.Itoa(n) + "-" + o.scenario
	if o.contend {
		prefix += "-contend"
	}
	prefix += "-pair" + strconv.Itoa(max(o.pair, 1))
	p := &profiler{dir: o.profile, prefix: prefix}
	f, err := os.Create(p.path("gctrace.txt"))
	if err != nil {
		return nil, fmt.Errorf("-profile: %w", err)
	}
	p.gcLog = f
	return p, nil
}

func (p *profiler) path(kind string) string { return filepath.Join(p.dir, p.prefix+"-"+kind) }

// serverEnv switches the product's profiling on.
func (p *profiler) serverEnv() []string {
	return []string{"OPENCODELABS_PPROF=1", "GODEBUG=gctrace=1"}
}

// start takes the CPU profile and the execution trace over window, in the
// background.
func (p *profiler) start(ctx context.Context, window time.Duration) {
	secs := max(1, int(window.Round(time.Second)/time.Second))
	tsecs := max(1, int(min(window, maxTraceWindow)/time.Second))
	p.wg.Add(2)
	go func() { defer p.wg.Done(); p.fetch(ctx, "profile?seconds="+strconv.Itoa(secs), "cpu.pprof") }()
	go func() { defer p.wg.Done(); p.fetch(ctx, "trace?seconds="+strconv.Itoa(tsecs), "trace.out") }()
}

// finish waits for the CPU profile and trace, then takes the snapshots.
func (p *profiler) finish(ctx context.Context) {
	p.wg.Wait()
	for _, k := range []string{"allocs", "heap", "block", "mutex", "goroutine"} {
		p.fetch(ctx, k, k+".pprof")
	}
	p.fetch(ctx, "heap?debug=1", "memstats.txt") // ends with runtime.MemStats: where RSS goes besides the heap
	fmt.Printf("   profiles: %s-*\n", filepath.Join(p.dir, p.prefix))
}

// fetch saves one pprof endpoint; a failure is printed, not fatal.
func (p *profiler) fetch(ctx context.Context, what, file string) {
	req, err := http.NewRequestWithContext(ctx, "GET", p.base+"/debug/pprof/"+what, nil) //nolint:gosec // p.base is the loopback server this harness started
	if err == nil {
		req.Header.Set("Authorization", "Bearer "+p.token)
		var resp *http.Response
		if resp, err = http.DefaultClient.Do(req); err == nil { //nolint:gosec // loopback only, as above
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("HTTP %d", resp.StatusCode)
			} else {
				err = writeFile(p.path(file), resp.Body)
			}
		}
	}
	if err != nil {
		fmt.Printf("   profile %s: %v\n", what, err)
	}
}

func writeFile(path string, r io.Reader) error {
	f, err := os.Create(path) //nolint:gosec // a file in the -profile directory the user named
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (p *profiler) close() { p.gcLog.Close() }
