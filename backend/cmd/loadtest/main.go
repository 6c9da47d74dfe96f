// Command loadtest measures a live workshop under load: it starts the real
// server (or targets one on loopback), registers N attendees, opens their
// WebSockets plus the facilitator's, sends chat and progress at a fixed
// rate for a bounded time and reports latency, delivery, errors, memory
// and the facilitator's attendee-list latency. docs/performance.md has the
// figures and how to read them.
//
//	go run ./backend/cmd/loadtest -n-list 100,500,1000
//
// It is bounded in time and count, talks only to 127.0.0.1 and kills the
// server it started, also on error or Ctrl-C.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the command-line flags.
type options struct {
	bin          string
	target       string // admin URL of a running server, or ""
	token        string
	pid          int
	sizes        []int
	duration     time.Duration
	rate         float64
	progressRate float64
	listRate     float64
	steps        int
	drain        time.Duration
	verbose      bool
	floor        bool // also run the bare broadcast server (floor.go) beside each run
	pairs        int  // product/floor pairs per size
	contend      bool // one CPU-bound process per core during the measured phase (contend.go)
	scenario     string
	profile      string // directory for the product's profiles (profile.go), "" for none
	matrix       string // "", "bench", "full" or "targets": the scenarios (matrix.go)
	matrixSizes  bool   // -n-list was given with -matrix: its sizes replace 500, 1000, 2000
	pair         int    // which pair is running (1-based; 0 outside runPairs), names profile files
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "floor-server" {
		os.Exit(runFloorServer()) // the harness's own child: floor.go
	}
	if len(os.Args) > 2 && os.Args[1] == "busy" {
		os.Exit(runBusy(os.Args[2])) // a -contend hog: contend.go
	}
	os.Exit(run())
}

func run() int {
	o, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		return 2
	}
	// Sockets on both sides: N clients here, N+ conns in the child, which
	// inherits this limit.
	if err := raiseFileLimit(uint64(maxSize(o.sizes))*2 + 512); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest: warning:", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if o.matrix != "" {
		return runMatrix(ctx, o) // matrix.go
	}

	var results []result
	failed := false
	for _, n := range o.sizes {
		if ctx.Err() != nil {
			break
		}
		fmt.Printf("== n=%d %s%s: duration %s, chat %.0f/s, progress %.0f/s, attendee list %.0f/s (load average before: %s)\n",
			n, o.scenario, map[bool]string{true: " with a CPU hog per core"}[o.contend], o.duration, o.rate, o.progressRate, o.listRate, loadAvg())
		if o.floor {
			prod, _, err := runPairs(ctx, o, n)
			results = append(results, prod...)
			if err != nil {
				fmt.Fprintf(os.Stderr, "loadtest: n=%d: %v\n", n, err)
				failed = true
			}
			continue
		}
		res, err := runSize(ctx, o, n, false)
		if err != nil {
			fmt.Fprintf(os.Stderr, "loadtest: n=%d: %v\n", n, err)
			failed = true
			continue
		}
		results = append(results, res)
		printDetail(res)
	}
	printTable(results)
	for _, r := range results {
		fmt.Println(r.line())
	}
	if failed || ctx.Err() != nil {
		return 1
	}
	return 0
}

// runSize runs one size, on a fresh server unless -url was given; floor
// runs it against a fresh floor server instead (floor.go).
func runSize(ctx context.Context, o options, n int, floor bool) (result, error) {
	var srv *serverProc
	base, token, pid := o.target, o.token, o.pid
	bin, args := o.bin, []string(nil)
	if floor {
		self, err := os.Executable()
		if err != nil {
			return result{}, err
		}
		base, bin, args = "", self, []string{"floor-server"}
	}
	var prof *profiler
	if base == "" {
		var env []string
		var gcLog io.Writer
		if o.profile != "" && !floor {
			var err error
			if prof, err = newProfiler(o, n); err != nil {
				return result{}, err
			}
			defer prof.close()
			env, gcLog = prof.serverEnv(), prof.gcLog
		}
		var err error
		srv, err = startServerEnv(ctx, bin, env, gcLog, args...)
		if err != nil {
			return result{}, err
		}
		defer srv.stop()
		base, token, pid = srv.base, srv.token, srv.pid
	}
	var rss *rssSampler
	if pid > 0 {
		rss = startRSS(pid, 500*time.Millisecond)
		defer rss.stop()
	}
	if prof != nil {
		prof.base, prof.token = base, token
	}
	res, err := load(ctx, o, base, token, n, prof)
	if rss != nil {
		res.rssPeakMB, res.rssIdleMB = rss.stop()
	}
	if err != nil && srv != nil {
		err = fmt.Errorf("%w\nserver stderr (tail):\n%s", err, srv.stderrTail())
	}
	return res, err
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.StringVar(&o.bin, "bin", "bin/opencodelabs", "server binary to start (ignored with -url)")
	fs.StringVar(&o.target, "url", "", "admin URL of a running server on loopback (http://127.0.0.1:PORT/admin/#token=...) instead of starting one")
	fs.StringVar(&o.token, "token", os.Getenv("OPENCODELABS_ADMIN_TOKEN"), "admin token when -url has none")
	fs.IntVar(&o.pid, "pid", 0, "with -url: the server's PID, to sample its memory")
	n := fs.Int("n", 100, "attendees")
	list := fs.String("n-list", "", `several sizes run one after the other, each on a fresh server, e.g. "100,500,1000"`)
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "how long to send (at most 10m)")
	fs.Float64Var(&o.rate, "rate", 20, "chat messages per second across the room")
	fs.Float64Var(&o.progressRate, "progress-rate", 5, "progress updates per second across the room")
	fs.Float64Var(&o.listRate, "list-rate", 5, "facilitator attendee-list requests per second")
	fs.IntVar(&o.steps, "steps", 5, "steps in the test codelab")
	fs.DurationVar(&o.drain, "drain", 10*time.Second, "how long to wait for the last deliveries after sending stops")
	fs.BoolVar(&o.verbose, "v", false, "print progress while connecting")
	fs.BoolVar(&o.floor, "floor", true, "run a bare gorilla/websocket broadcast server with the same clients, interleaved, and print ratios")
	fs.BoolVar(&o.contend, "contend", false, "run one CPU-bound busy process per core beside the server during the measured phase")
	fs.StringVar(&o.scenario, "scenario", "steady", `"steady": -rate chats/s across the room for -duration; "burst": every attendee sends one chat a second, 3 times`)
	fs.StringVar(&o.profile, "profile", "", "directory: take the product's CPU, allocation, heap, block and mutex profiles, an execution trace and the GC trace during the measured phase (the server runs with OPENCODELABS_PPROF=1, GODEBUG=gctrace=1)")
	fs.StringVar(&o.matrix, "matrix", "", `"full": steady and burst at N = 500, 1000, 2000, each with and without -contend, -pairs pairs each (3 unless given), then a summary against the targets of issue #14; "bench" (make bench): the same without the burst at 2000; "targets": only the cells the targets name (steady 2000, burst 500 with -contend); -n, -scenario and -contend are then ignored`)
	fs.IntVar(&o.pairs, "pairs", 1, "product/floor pairs per size (medians and spread over pairs)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if o.matrix != "" {
		if o.matrix != "bench" && o.matrix != "full" && o.matrix != "targets" {
			return o, fmt.Errorf("-matrix must be bench, full or targets, got %q", o.matrix)
		}
		if !set["pairs"] {
			o.pairs = 3
		}
		o.matrixSizes = set["n-list"]
		if !set["duration"] {
			o.duration = 10 * time.Second // the steady run
		}
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.sizes = []int{*n}
	if *list != "" {
		o.sizes = nil
		for _, s := range strings.Split(*list, ",") {
			v, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return o, fmt.Errorf("-n-list: %q is not a number", s)
			}
			o.sizes = append(o.sizes, v)
		}
	}
	for _, v := range o.sizes {
		if v < 1 || v > 5000 {
			return o, fmt.Errorf("attendees must be 1..5000, got %d", v)
		}
	}
	switch {
	case o.duration <= 0 || o.duration > 10*time.Minute:
		return o, fmt.Errorf("-duration must be in (0, 10m], got %s", o.duration)
	case o.rate < 0 || o.rate > 2000 || o.progressRate < 0 || o.progressRate > 2000:
		return o, errors.New("-rate and -progress-rate must be 0..2000")
	case o.listRate < 0 || o.listRate > 100:
		return o, errors.New("-list-rate must be 0..100")
	case o.steps < 1 || o.steps > 200:
		return o, errors.New("-steps must be 1..200")
	case o.scenario != "steady" && o.scenario != "burst":
		return o, fmt.Errorf("-scenario must be steady or burst, got %q", o.scenario)
	case o.pairs < 1 || o.pairs > 20:
		return o, errors.New("-pairs must be 1..20")
	}
	if o.target != "" {
		base, tok, err := parseAdminURL(o.target)
		if err != nil {
			return o, err
		}
		o.target = base
		if tok != "" {
			o.token = tok
		}
		if o.token == "" {
			return o, errors.New("-url needs the admin token: in the URL (#token=), -token or OPENCODELABS_ADMIN_TOKEN")
		}
	}
	return o, nil
}

// parseAdminURL splits the admin URL the server prints into the base URL
// and the token, refusing anything but loopback.
func parseAdminURL(s string) (base, token string, err error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", "", fmt.Errorf("-url: %w", err)
	}
	if u.Scheme != "http" {
		return "", "", fmt.Errorf("-url: want an http:// URL, got %q", s)
	}
	switch u.Hostname() {
	case "127.0.0.1", "localhost", "::1":
	default:
		return "", "", fmt.Errorf("-url: only loopback servers may be loaded, got host %q", u.Hostname())
	}
	if v, err := url.ParseQuery(u.Fragment); err == nil {
		token = v.Get("token")
	}
	return "http://" + u.Host, token, nil
}

func maxSize(sizes []int) int {
	m := 0
	for _, s := range sizes {
		m = max(m, s)
	}
	return m
}
