package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// result is one size's figures.
type result struct {
	n             int
	connected     int // attendee sockets that got ready
	adminUp       bool
	connectErrors int
	registerTime  time.Duration
	connectTime   time.Duration
	drainTime     time.Duration

	chats, progress int
	sendErrors      int
	deliveries      int // distinct chat events received
	expected        int // chats × sockets up when each was sent
	dups            int
	dropped         int
	reconnects      int // redials after the server dropped a socket (clients.go)
	dropReasons     map[string]int
	errFrames       map[string]int

	chatP50, chatP95, chatP99, chatMax float64 // ms, send → each recipient
	ackP50, ackP95, ackP99             float64 // ms, chat send → ack
	progP50, progP95                   float64 // ms, progress send → ack

	listN, listErrs, listLen  int
	listP50, listP95, listMax float64
	listFirstErr              error

	rssPeakMB, rssIdleMB float64
}

// collect merges the clients' samples; call after every reader is done
// sending or the run is over (readers may still be running: only
// counters read atomically and slices copied below are used after close).
func (r *result) collect(clients []*wsClient, clk *clock, poll listPoller) {
	var chat, ack, prog []int32
	r.dropReasons, r.errFrames = map[string]int{}, map[string]int{}
	// Stop the readers first so their slices are stable.
	closeAll(clients)
	for _, c := range clients {
		if c.url == "" { // never dialled
			continue
		}
		chat = append(chat, c.chatLat...)
		ack = append(ack, c.ackLat...)
		prog = append(prog, c.progLat...)
		r.deliveries += int(c.received.Load())
		r.dups += c.dups
		r.reconnects += c.reconnects
		for k, v := range c.errCodes {
			r.errFrames[k] += v
		}
		dropAt := c.dropped.Load()
		if dropAt != 0 {
			r.dropped++
			r.dropReasons[shorten(c.dropWhy)]++
		}
		for i := range clk.chatAt { // burst numbers skip dropped senders: look at every slot
			at := clk.chatAt[i].Load()
			if at > 0 && (dropAt == 0 || at < dropAt) {
				r.expected++
			}
		}
	}
	r.chatP50, r.chatP95, r.chatP99, r.chatMax = pcts(chat)
	r.ackP50, r.ackP95, r.ackP99, _ = pcts(ack)
	r.progP50, r.progP95, _, _ = pcts(prog)
	var list []int32
	for _, d := range poll.lat {
		list = append(list, int32(d/time.Microsecond))
	}
	r.listN, r.listErrs, r.listLen, r.listFirstErr = len(list), poll.errs, poll.lastLen, poll.firstErr
	r.listP50, r.listP95, _, r.listMax = pcts(list)
}

// pcts returns p50, p95, p99 and max in ms of µs samples (nearest rank).
func pcts(us []int32) (p50, p95, p99, mx float64) {
	if len(us) == 0 {
		return 0, 0, 0, 0
	}
	s := slices.Clone(us)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.999999) - 1
		return float64(s[min(max(i, 0), len(s)-1)]) / 1000
	}
	return at(0.50), at(0.95), at(0.99), float64(s[len(s)-1]) / 1000
}

func (r result) delivery() float64 {
	if r.expected == 0 {
		return 0
	}
	return float64(r.deliveries) / float64(r.expected)
}

// errors counts everything that went wrong: error frames, dropped
// sockets, failed connects and sends, duplicates and HTTP failures.
func (r result) errors() int {
	e := r.connectErrors + r.sendErrors + r.dups + r.dropped + r.listErrs
	for _, v := range r.errFrames {
		e += v
	}
	if !r.adminUp {
		e++
	}
	if r.listN > 0 && r.listLen != r.n {
		e++ // the attendee list did not list everyone
	}
	return e
}

// line is the machine-readable summary.
func (r result) line() string {
	return fmt.Sprintf("RESULT n=%d connected=%d chats=%d chat_p50_ms=%.2f chat_p95_ms=%.2f chat_p99_ms=%.2f ack_p50_ms=%.2f ack_p95_ms=%.2f "+
		"delivery=%.3f errors=%d rss_mb=%.1f list_p50_ms=%.2f list_p95_ms=%.2f connect_s=%.1f",
		r.n, r.connected, r.chats, r.chatP50, r.chatP95, r.chatP99, r.ackP50, r.ackP95,
		r.delivery(), r.errors(), r.rssPeakMB, r.listP50, r.listP95, r.connectTime.Seconds())
}

func printDetail(r result) {
	fmt.Printf("   registered %d in %.1fs, %d/%d attendee sockets ready (facilitator: %v) in %.1fs\n",
		r.n, r.registerTime.Seconds(), r.connected, r.n, r.adminUp, r.connectTime.Seconds())
	fmt.Printf("   sent %d chat, %d progress; %d/%d chat deliveries (%.4f), drained in %.2fs\n",
		r.chats, r.progress, r.deliveries, r.expected, r.delivery(), r.drainTime.Seconds())
	fmt.Printf("   chat send→receipt ms p50 %.2f p95 %.2f p99 %.2f max %.2f; ack p50 %.2f p95 %.2f p99 %.2f; progress ack p50 %.2f p95 %.2f\n",
		r.chatP50, r.chatP95, r.chatP99, r.chatMax, r.ackP50, r.ackP95, r.ackP99, r.progP50, r.progP95)
	fmt.Printf("   attendee list: %d requests, ms p50 %.2f p95 %.2f max %.2f, %d listed, %d failed\n",
		r.listN, r.listP50, r.listP95, r.listMax, r.listLen, r.listErrs)
	if r.listFirstErr != nil {
		fmt.Printf("   first list error: %v\n", r.listFirstErr)
	}
	if r.reconnects > 0 {
		fmt.Printf("   %d reconnects with since after the server dropped sockets; delivery above counts their replay\n", r.reconnects)
	}
	fmt.Printf("   server RSS peak %.1f MB, at end %.1f MB\n", r.rssPeakMB, r.rssIdleMB)
	if r.errors() > 0 {
		fmt.Printf("   errors %d: connect %d, send %d, dup %d, dropped %d %v, error frames %v, list %d\n",
			r.errors(), r.connectErrors, r.sendErrors, r.dups, r.dropped, r.dropReasons, r.errFrames, r.listErrs)
	}
}

func printTable(rs []result) {
	if len(rs) == 0 {
		return
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "n\tconnected\tchats\tp50 ms\tp95 ms\tp99 ms\tack p95 ms\tdelivery\terrors\tRSS MB\tlist p50 ms\tlist p95 ms\tconnect s\t")
	for _, r := range rs {
		fmt.Fprintf(w, "%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%d\t%.1f\t%.2f\t%.2f\t%.1f\t\n",
			r.n, r.connected, r.chats, r.chatP50, r.chatP95, r.chatP99, r.ackP95, r.delivery(), r.errors(),
			r.rssPeakMB, r.listP50, r.listP95, r.connectTime.Seconds())
	}
	w.Flush()
}

func shorten(s string) string {
	if i := strings.LastIndex(s, ": "); i >= 0 && len(s) > 60 {
		s = s[i+2:]
	}
	return s
}
