package markdown

import (
	"crypto/sha256"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
)

func key(s string) cacheKey { return cacheKey(sha256.Sum256([]byte(s))) }

func TestLRUEvictsLeastRecentlyUsed(t *testing.T) {
	c := newLRU(2, 1<<20)
	c.add(key("a"), "A")
	c.add(key("b"), "B")
	if _, ok := c.get(key("a")); !ok { // a is now the most recent
		t.Fatal("got miss for a, want hit")
	}
	c.add(key("c"), "C")
	if _, ok := c.get(key("b")); ok {
		t.Error("got hit for b, want it evicted as least recently used")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(key(k)); !ok {
			t.Errorf("got miss for %s, want hit", k)
		}
	}
	if got := c.len(); got != 2 {
		t.Errorf("len: got %d, want 2", got)
	}
}

func TestLRUByteBudget(t *testing.T) {
	c := newLRU(100, 10)
	c.add(key("a"), "aaaa")
	c.add(key("b"), "bbbb")
	c.add(key("c"), "cccc") // 12 bytes > 10: a goes
	if _, ok := c.get(key("a")); ok {
		t.Error("got hit for a, want it evicted by the byte budget")
	}
	c.add(key("huge"), strings.Repeat("x", 11))
	if _, ok := c.get(key("huge")); ok {
		t.Error("got hit for a value over the whole budget, want it not cached")
	}
	if got := c.len(); got != 2 {
		t.Errorf("len: got %d, want 2", got)
	}
}

func TestRenderCachesByContent(t *testing.T) {
	r := newRenderer(3, 1<<20)
	first, err := r.Render("# Hello")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.cache.len(); got != 1 {
		t.Fatalf("cache len after one render: got %d, want 1", got)
	}
	again, err := r.Render("# Hello")
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Errorf("cached render: got %q, want %q", again, first)
	}
	if got := r.cache.len(); got != 1 {
		t.Errorf("cache len after same source: got %d, want 1", got)
	}
	for i := 0; i < 10; i++ {
		if _, err := r.Render(fmt.Sprintf("step %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := r.cache.len(); got != 3 {
		t.Errorf("cache len after 11 sources: got %d, want the bound 3", got)
	}
}

// spanTag matches chroma's token spans.
var spanTag = regexp.MustCompile(`</?span[^>]*>`)

// TestRenderConcurrent runs under -race in CI-like use: many goroutines
// rendering overlapping sources must all get the same answer as a serial
// render. Token spans are compared loosely: chroma gives each lexer regex a
// 250 ms match timeout, so under CPU starvation it may classify a token
// differently; the text and every other element must still be identical.
func TestRenderConcurrent(t *testing.T) {
	sources := []string{
		"# A\n\n```go\nfunc main() {}\n```\n",
		"Positive\n: box\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"[x](javascript:alert(1)) <b>raw</b>",
	}
	want := make([]string, len(sources))
	for i, s := range sources {
		out, err := newRenderer(10, 1<<20).Render(s)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = out
	}
	r := newRenderer(2, 1<<20) // smaller than the source set: forces eviction races
	var wg sync.WaitGroup
	errs := make(chan error, 8*50)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(sources)
				got, err := r.Render(sources[k])
				if err != nil {
					errs <- err
					return
				}
				if spanTag.ReplaceAllString(got, "") != spanTag.ReplaceAllString(want[k], "") {
					errs <- fmt.Errorf("source %d: got %q, want %q", k, got, want[k])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// BenchmarkRender measures an uncached render of a typical step (each
// iteration changes the source so the cache never hits) and a cached one.
func BenchmarkRender(b *testing.B) {
	step := strings.Repeat("## Step\n\nSome *text* with a [link](https://go.dev).\n\n"+
		"```go\npackage main\n\nfunc main() { println(\"hi\") }\n```\n\n"+
		"| a | b |\n|---|---|\n| 1 | 2 |\n\nPositive\n: Good.\n\n", 5)
	b.Run("uncached", func(b *testing.B) {
		r := New()
		for i := 0; b.Loop(); i++ {
			if _, err := r.Render(fmt.Sprintf("%s%d", step, i)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		r := New()
		for b.Loop() {
			if _, err := r.Render(step); err != nil {
				b.Fatal(err)
			}
		}
	})
}
