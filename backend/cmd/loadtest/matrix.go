package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"text/tabwriter"
	"time"
)

// -matrix runs the scenarios of issue #14, each as -pairs interleaved
// product/floor pairs on fresh servers, and ends with one table of every
// cell and the targets: at N = 2,000 steady p95 ≤ 1.3× the floor's and
// p99 ≤ 1.5×; the burst at N = 500 with a CPU hog per core p95 ≤ 1.3×;
// delivery 1.000 everywhere; RSS ≤ 150 MB at N = 2,000 on a fresh server.
// Figures are medians over the pairs with the spread; the ratio is taken
// pair by pair (product ÷ the floor run next to it), then its median.

type cell struct {
	scenario string
	contend  bool
	n        int
}

func (c cell) String() string {
	s := fmt.Sprintf("%s n=%d", c.scenario, c.n)
	if c.contend {
		s += " +hog"
	}
	return s
}

type cellResult struct {
	cell
	prod, floor []result
	err         error
	load        string // load average before the cell
	took        time.Duration
}

// matrixCells lists the cells. "full" is steady and burst at 500, 1000
// and 2000, each with and without hogs; "bench" (make bench's default)
// leaves out the burst at 2000, whose 12 million deliveries per run take
// minutes and would push the whole matrix past 25 minutes; "targets" is
// the two cells the targets name. sizes (from -n-list) replaces the sizes
// of "full", for a quick trial of the harness itself.
func matrixCells(kind string, sizes []int) []cell {
	if kind == "targets" {
		return []cell{{"steady", false, 2000}, {"burst", true, 500}}
	}
	if sizes == nil {
		sizes = []int{500, 1000, 2000}
	}
	var cells []cell
	for _, sc := range []string{"steady", "burst"} {
		for _, contend := range []bool{false, true} {
			for _, n := range sizes {
				if kind == "bench" && sc == "burst" && n > 1000 {
					continue
				}
				cells = append(cells, cell{sc, contend, n})
			}
		}
	}
	return cells
}

// burstDrain bounds the wait for a burst's last deliveries: 3·n chats to
// n sockets, at a pace of about 100,000 deliveries a second on a busy
// 2-core laptop, and never less than -drain. The wait ends as soon as
// everything has arrived.
func burstDrain(n int, drain time.Duration) time.Duration {
	return max(drain, time.Duration(burstRounds*n*n/100_000)*time.Second)
}

func runMatrix(ctx context.Context, o options) int {
	var sizes []int
	if o.matrixSizes {
		sizes = o.sizes
	}
	cells := matrixCells(o.matrix, sizes)
	start := time.Now()
	fmt.Printf("== matrix %s: %d cells × %d pairs, steady %s at %.0f chats/s, burst %d rounds (load average before: %s)\n",
		o.matrix, len(cells), o.pairs, o.duration, o.rate, burstRounds, loadAvg())
	var out []cellResult
	failed := false
	for i, c := range cells {
		if ctx.Err() != nil {
			break
		}
		co := o
		co.scenario, co.contend, co.sizes = c.scenario, c.contend, []int{c.n}
		if c.scenario == "burst" {
			co.drain = burstDrain(c.n, o.drain)
		}
		r := cellResult{cell: c, load: loadAvg()}
		fmt.Printf("\n== cell %d/%d: %s (load average before: %s, %s into the matrix)\n", i+1, len(cells), c, r.load, time.Since(start).Round(time.Second))
		t0 := time.Now()
		r.prod, r.floor, r.err = runPairs(ctx, co, c.n)
		r.took = time.Since(t0)
		if r.err != nil {
			fmt.Fprintf(os.Stderr, "loadtest: %s: %v\n", c, r.err)
			failed = true
		}
		out = append(out, r)
	}
	printMatrix(out, time.Since(start))
	if failed || ctx.Err() != nil {
		return 1
	}
	return 0
}

// median returns the median of v (0 when empty).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

// ratios returns product ÷ floor of get, pair by pair.
func ratios(r cellResult, get func(result) float64) []float64 {
	var out []float64
	for i := range min(len(r.prod), len(r.floor)) {
		if f := get(r.floor[i]); f > 0 {
			out = append(out, get(r.prod[i])/f)
		}
	}
	return out
}

func values(rs []result, get func(result) float64) []float64 {
	var out []float64
	for _, r := range rs {
		out = append(out, get(r))
	}
	return out
}

func printMatrix(cells []cellResult, took time.Duration) {
	p95 := func(r result) float64 { return r.chatP95 }
	p99 := func(r result) float64 { return r.chatP99 }
	rss := func(r result) float64 { return r.rssPeakMB }
	fmt.Printf("\n== matrix summary (%s): medians [min–max] over the pairs; ratios pair by pair\n", took.Round(time.Second))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "cell\tload\tpairs\tproduct p95 ms\tfloor p95 ms\tp95 ÷ floor\tp99 ÷ floor\tdelivery (product / floor, min)\tRSS MB product\tRSS MB floor\t")
	for _, c := range cells {
		k := min(len(c.prod), len(c.floor))
		if k == 0 {
			fmt.Fprintf(w, "%s\t%s\t0\t-\t-\t-\t-\t%s\t-\t-\t\n", c.cell, c.load, errShort(c.err))
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%.3f / %.3f\t%s\t%s\t\n", c.cell, c.load, k,
			spread(values(c.prod, p95)), spread(values(c.floor, p95)), spread(ratios(c, p95)), spread(ratios(c, p99)),
			slices.Min(values(c.prod, result.delivery)), slices.Min(values(c.floor, result.delivery)),
			spread(values(c.prod, rss)), spread(values(c.floor, rss)))
	}
	w.Flush()

	fmt.Println("\n== targets (issue #14)")
	find := func(sc string, contend bool, n int) *cellResult {
		for i := range cells {
			if c := cells[i]; c.scenario == sc && c.contend == contend && c.n == n && len(c.prod) > 0 && len(c.floor) > 0 {
				return &cells[i]
			}
		}
		return nil
	}
	check := func(name string, c *cellResult, got func(cellResult) float64, limit float64, unit string, atMost bool) {
		if c == nil {
			fmt.Printf("  %-52s not measured\n", name)
			return
		}
		v := got(*c)
		ok := v <= limit
		if !atMost {
			ok = v >= limit
		}
		verdict := map[bool]string{true: "met", false: "MISSED"}[ok]
		fmt.Printf("  %-52s %8.3f%s (target %s %.3g%s)  %s\n", name, v, unit, map[bool]string{true: "≤", false: "≥"}[atMost], limit, unit, verdict)
	}
	s2000, b500 := find("steady", false, 2000), find("burst", true, 500)
	check("steady n=2000: p95 ÷ floor (median of pairs)", s2000, func(c cellResult) float64 { return median(ratios(c, p95)) }, 1.3, "×", true)
	check("steady n=2000: p99 ÷ floor (median of pairs)", s2000, func(c cellResult) float64 { return median(ratios(c, p99)) }, 1.5, "×", true)
	check("burst n=500 with a hog per core: p95 ÷ floor", b500, func(c cellResult) float64 { return median(ratios(c, p95)) }, 1.3, "×", true)
	check("steady n=2000: product RSS peak (median)", s2000, func(c cellResult) float64 { return median(values(c.prod, rss)) }, 150, " MB", true)
	minDelivery := 1.0
	measured := false
	for _, c := range cells {
		for _, r := range c.prod {
			minDelivery, measured = min(minDelivery, r.delivery()), true
		}
	}
	if measured {
		verdict := map[bool]string{true: "met", false: "MISSED"}[minDelivery >= 1]
		fmt.Printf("  %-52s %8.3f (target 1.000)  %s\n", "delivery, lowest product run of every cell", minDelivery, verdict)
	}
}

func errShort(err error) string {
	if err == nil {
		return "-"
	}
	s := err.Error()
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
