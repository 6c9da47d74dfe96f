package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// load runs one size against the server at base and gathers the figures.
// prof, when not nil, profiles the server during the measured phase.
func load(ctx context.Context, o options, base, token string, n int, prof *profiler) (result, error) {
	res := result{n: n}
	a := newAPI(base, token)
	setupCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	codelab, err := a.createCodelab(setupCtx, fmt.Sprintf("Load test n=%d", n), o.steps)
	if err != nil {
		return res, fmt.Errorf("create codelab: %w", err)
	}
	t0 := time.Now()
	people, err := a.register(setupCtx, codelab, n)
	if err != nil {
		return res, err
	}
	res.registerTime = time.Since(t0)

	// Bounded: at most rate*duration messages (+1) of each kind.
	chatMax := int(o.rate*o.duration.Seconds()) + 1
	if o.scenario == "burst" {
		chatMax = burstRounds*n + 1
	}
	progMax := int(o.progressRate*o.duration.Seconds()) + 1
	clk := &clock{start: time.Now(), chatAt: make([]atomic.Int64, chatMax), progAt: make([]atomic.Int64, progMax)}

	clients := make([]*wsClient, n+1)
	urls := make([]string, n+1)
	for i, p := range people {
		clients[i] = &wsClient{who: p, step: 1}
		urls[i] = attendeeURL(base, p)
	}
	admin := &wsClient{who: attendee{ID: "admin", Name: "Facilitator"}, admin: true}
	clients[n] = admin
	urls[n] = adminURL(base, token, codelab)
	defer closeAll(clients)

	t0 = time.Now()
	_, cerrs := connectAll(setupCtx, clients, urls, clk, chatMax, o.verbose)
	res.connectTime = time.Since(t0)
	res.connectErrors = len(cerrs)
	for i, e := range cerrs {
		if i < 3 {
			fmt.Printf("   connect error: %v\n", e)
		}
	}
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	var live []*wsClient // attendees that got ready
	for _, c := range clients[:n] {
		if c.isReady.Load() && c.dropped.Load() == 0 {
			live = append(live, c)
		}
	}
	res.connected = len(live)
	res.adminUp = admin.isReady.Load() && admin.dropped.Load() == 0
	if len(live) == 0 {
		return res, fmt.Errorf("no attendee socket connected: %v", cerrs)
	}

	// The measured phase.
	runCtx, stopRun := context.WithTimeout(ctx, o.duration)
	defer stopRun()
	hog, err := startHogs(contendCount(o.contend), o.duration+o.drain+10*time.Second)
	if err != nil {
		return res, err
	}
	defer hog.stop()
	if prof != nil {
		window := o.duration
		if o.scenario == "burst" {
			window = burstWindow
		}
		prof.start(ctx, window)
	}
	var poll listPoller
	var wg sync.WaitGroup
	var sendErrs [2]int
	var sent [2]int
	wg.Add(3)
	go func() {
		defer wg.Done()
		chat := func(c *wsClient, i int) error {
			clk.chatAt[i].Store(max(clk.now(), 1))
			return c.send(map[string]any{"type": "chat", "cid": fmt.Sprintf("c%d", i), "text": fmt.Sprintf("m%d", i)})
		}
		if o.scenario == "burst" {
			sent[0], sendErrs[0] = burstLoop(runCtx, live, chat)
			stopRun() // the burst is the measured phase
			return
		}
		sent[0], sendErrs[0] = sendLoop(runCtx, o.rate, chatMax, live, chat)
	}()
	go func() {
		defer wg.Done()
		// c.step is touched only by this loop.
		sent[1], sendErrs[1] = sendLoop(runCtx, o.progressRate, progMax, live, func(c *wsClient, i int) error {
			c.step = c.step%o.steps + 1
			step := c.step
			clk.progAt[i].Store(max(clk.now(), 1))
			return c.send(map[string]any{"type": "progress", "cid": fmt.Sprintf("p%d", i), "step": step})
		})
	}()
	go func() { defer wg.Done(); a.pollList(runCtx, codelab, o.listRate, &poll) }()
	wg.Wait()
	sendEnd := clk.now()
	res.chats, res.progress = sent[0], sent[1]
	res.sendErrors = sendErrs[0] + sendErrs[1]

	// Drain: wait until every socket still up has every message, bounded.
	drainDeadline := time.Now().Add(o.drain)
	for time.Now().Before(drainDeadline) && ctx.Err() == nil {
		if missing(clients, res.chats) == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	res.drainTime = time.Duration(clk.now() - sendEnd)
	hog.stop() // after the drain: the last deliveries are measured under contention too
	if prof != nil {
		prof.finish(ctx) // while every socket is still open: the heap as it is under load
	}

	for _, c := range clients {
		c.closing.Store(true)
	}
	res.collect(clients, clk, poll)
	return res, nil
}

// closeAll closes every socket and waits for the readers.
func closeAll(clients []*wsClient) {
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Add(1)
		go func() { defer wg.Done(); c.close() }()
	}
	wg.Wait()
}

// missing counts chat deliveries still expected by sockets that are up.
func missing(clients []*wsClient, chats int) int {
	m := 0
	for _, c := range clients {
		if c.url == "" || c.dropped.Load() != 0 {
			continue
		}
		m += chats - int(c.received.Load())
	}
	return m
}

// sendLoop calls send at rate per second from random clients until ctx
// ends or max messages went out; it returns how many were sent and failed.
func sendLoop(ctx context.Context, rate float64, maxMsgs int, clients []*wsClient, send func(*wsClient, int) error) (sent, failed int) {
	if rate <= 0 {
		return 0, 0
	}
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for i := 0; i < maxMsgs; i++ {
		timer.Reset(time.Until(start.Add(time.Duration(i) * interval)))
		select {
		case <-ctx.Done():
			return sent, failed
		case <-timer.C:
		}
		c := clients[rand.IntN(len(clients))]
		if c.dropped.Load() != 0 {
			i-- // pick another live client for this slot
			continue
		}
		if err := send(c, i); err != nil {
			failed++
			continue
		}
		sent++
	}
	return sent, failed
}
