package api

import (
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// Guess limits: wrong access codes and continue codes, per client and per
// codelab, in fixed one-minute windows (docs/api.md, "Limits").
const (
	maxWrongGuesses        = 10  // per client: one IPv4 address or one IPv6 /64
	maxWrongGuessesCodelab = 100 // per codelab, all clients together
	guessWindow            = time.Minute
)

// guessLimiter counts wrong guesses so nobody on the LAN can walk the 887
// million continue codes or a short access code. A client is an IPv4
// address or an IPv6 /64: one machine picks addresses freely inside its
// /64 (privacy extensions, or on purpose), so counting exact IPv6
// addresses would give it 2^64 budgets. The per-codelab budget bounds what
// many addresses together can try.
type guessLimiter struct {
	mu     sync.Mutex
	counts map[string]*guessWindowCount
	now    func() time.Time
}

type guessWindowCount struct {
	start time.Time
	n     int
}

// guessBudget is one counter a guess is charged to.
type guessBudget struct {
	key   string
	limit int
}

func newGuessLimiter() *guessLimiter {
	return &guessLimiter{counts: map[string]*guessWindowCount{}, now: time.Now}
}

// clientKey names the client a request counts against: its IPv4 address
// (IPv4-mapped IPv6 included) or its IPv6 /64 prefix.
func clientKey(r *http.Request) string {
	ip, err := netip.ParseAddr(clientIP(r))
	if err != nil {
		return "raw:" + clientIP(r)
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return "ip:" + ip.String()
	}
	p, _ := ip.Prefix(64)
	return "ip:" + p.String()
}

// guessBudgets are the counters a guess at codelabID from r is charged to.
func guessBudgets(r *http.Request, codelabID string) []guessBudget {
	return []guessBudget{
		{key: clientKey(r), limit: maxWrongGuesses},
		{key: "codelab:" + codelabID, limit: maxWrongGuessesCodelab},
	}
}

// blocked reports whether any budget is used up in its current window.
func (g *guessLimiter) blocked(budgets []guessBudget) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	for _, b := range budgets {
		if w := g.counts[b.key]; w != nil && now.Sub(w.start) < guessWindow && w.n >= b.limit {
			return true
		}
	}
	return false
}

// wrong charges a wrong guess to every budget.
func (g *guessLimiter) wrong(budgets []guessBudget) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if len(g.counts) > 10000 {
		for k, w := range g.counts {
			if now.Sub(w.start) >= guessWindow {
				delete(g.counts, k)
			}
		}
	}
	for _, b := range budgets {
		w := g.counts[b.key]
		if w == nil || now.Sub(w.start) >= guessWindow {
			w = &guessWindowCount{start: now}
			g.counts[b.key] = w
		}
		w.n++
	}
}

func slowDown() error {
	return Errorf(http.StatusTooManyRequests, "slow_down", "Too many wrong codes; wait a minute and try again.")
}
