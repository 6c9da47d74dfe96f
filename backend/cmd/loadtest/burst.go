package main

import (
	"context"
	"sync"
	"time"
)

// burstRounds is how many times every attendee sends in the burst scenario.
const burstRounds = 3

// burstLoop makes every live client send one chat at once, once a second,
// burstRounds times (message i = round*len(clients)+k), with a few
// writers in flight so the round leaves within milliseconds.
func burstLoop(ctx context.Context, clients []*wsClient, send func(*wsClient, int) error) (sent, failed int) {
	var mu sync.Mutex
	start := time.Now()
	for round := range burstRounds {
		select {
		case <-ctx.Done():
			return sent, failed
		case <-time.After(time.Until(start.Add(time.Duration(round) * time.Second))):
		}
		next := make(chan int)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range next {
					c := clients[k]
					if c.dropped.Load() != 0 {
						continue
					}
					err := send(c, round*len(clients)+k)
					mu.Lock()
					if err != nil {
						failed++
					} else {
						sent++
					}
					mu.Unlock()
				}
			}()
		}
		for k := range clients {
			next <- k
		}
		close(next)
		wg.Wait()
	}
	return sent, failed
}
