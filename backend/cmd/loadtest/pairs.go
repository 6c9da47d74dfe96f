package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
)

// runPairs runs -pairs product/floor pairs at size n, alternating which
// goes first, and prints each figure with its ratio to the floor: medians
// and spread (min–max) over the pairs. It returns the product's and the
// floor's results, pair by pair.
func runPairs(ctx context.Context, o options, n int) (prod, floor []result, err error) {
	for i := 0; i < o.pairs && ctx.Err() == nil; i++ {
		order := []bool{false, true}
		if i%2 == 1 {
			order = []bool{true, false}
		}
		for _, isFloor := range order {
			fmt.Printf("-- n=%d pair %d/%d: %s\n", n, i+1, o.pairs, map[bool]string{false: "product", true: "floor"}[isFloor])
			o.pair = i + 1
			res, err := runSize(ctx, o, n, isFloor)
			if err != nil {
				return prod, floor, fmt.Errorf("pair %d, %s: %w", i+1, map[bool]string{false: "product", true: "floor"}[isFloor], err)
			}
			printDetail(res)
			if isFloor {
				floor = append(floor, res)
			} else {
				prod = append(prod, res)
			}
		}
	}
	printVsFloor(n, prod, floor)
	for _, r := range floor {
		fmt.Println(strings.Replace(r.line(), "RESULT ", "FLOOR ", 1))
	}
	return prod, floor, nil
}

// printVsFloor prints, per figure, the product's and the floor's medians
// and the median and spread of the per-pair ratios.
func printVsFloor(n int, prod, floor []result) {
	k := min(len(prod), len(floor))
	if k == 0 {
		return
	}
	metrics := []struct {
		name string
		get  func(result) float64
	}{
		{"chat p50 ms", func(r result) float64 { return r.chatP50 }},
		{"chat p95 ms", func(r result) float64 { return r.chatP95 }},
		{"chat p99 ms", func(r result) float64 { return r.chatP99 }},
		{"chat max ms", func(r result) float64 { return r.chatMax }},
		{"ack p95 ms", func(r result) float64 { return r.ackP95 }},
		{"delivery", result.delivery},
		{"RSS peak MB", func(r result) float64 { return r.rssPeakMB }},
	}
	fmt.Printf("== n=%d vs floor, %d pair(s): median [min–max]\n", n, k)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "figure\tproduct\tfloor\tproduct ÷ floor\t")
	for _, m := range metrics {
		var p, f, ratio []float64
		for i := range k {
			a, b := m.get(prod[i]), m.get(floor[i])
			p, f = append(p, a), append(f, b)
			if b > 0 {
				ratio = append(ratio, a/b)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", m.name, spread(p), spread(f), spread(ratio))
	}
	w.Flush()
	for i := range k {
		fmt.Printf("VSFLOOR n=%d pair=%d p95_ratio=%.2f p99_ratio=%.2f delivery=%.3f floor_delivery=%.3f\n",
			n, i+1, ratio(prod[i].chatP95, floor[i].chatP95), ratio(prod[i].chatP99, floor[i].chatP99),
			prod[i].delivery(), floor[i].delivery())
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// spread formats the median and, with several values, the range.
func spread(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	s := slices.Clone(v)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	if len(s) == 1 {
		return fmt.Sprintf("%.2f", med)
	}
	return fmt.Sprintf("%.2f [%.2f–%.2f]", med, s[0], s[len(s)-1])
}
