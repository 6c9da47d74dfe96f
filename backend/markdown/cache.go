package markdown

import (
	"container/list"
	"crypto/sha256"
	"sync"
)

// cacheKey is the sha256 of a markdown source; equal sources share one entry.
type cacheKey [sha256.Size]byte

type cacheEntry struct {
	key  cacheKey
	html string
}

// lru is a mutex-guarded least-recently-used cache bounded both by entry
// count and by the total bytes of cached HTML, so a few huge steps cannot
// pin unbounded memory.
type lru struct {
	mu       sync.Mutex
	maxItems int
	maxBytes int
	bytes    int
	order    *list.List // front is most recently used; values are *cacheEntry
	items    map[cacheKey]*list.Element
}

func newLRU(maxItems, maxBytes int) *lru {
	return &lru{
		maxItems: maxItems,
		maxBytes: maxBytes,
		order:    list.New(),
		items:    make(map[cacheKey]*list.Element),
	}
}

func (c *lru) get(k cacheKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).html, true
}

// add stores html under k. A value larger than the byte budget is not cached.
func (c *lru) add(k cacheKey, html string) {
	if len(html) > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&cacheEntry{key: k, html: html})
	c.bytes += len(html)
	for c.order.Len() > c.maxItems || c.bytes > c.maxBytes {
		oldest := c.order.Back()
		e := oldest.Value.(*cacheEntry)
		c.order.Remove(oldest)
		delete(c.items, e.key)
		c.bytes -= len(e.html)
	}
}

func (c *lru) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
