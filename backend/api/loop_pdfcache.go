package api

import (
	"sync"

	"github.com/opencodelabs/desktop/backend/certificate"
)

// A certificate PDF costs about 0.4 s of CPU (the CJK font is parsed for
// each document), so PDFs are drawn at most two at a time and the last
// ones kept: a classroom downloading at once does not stall the workshop.
const (
	pdfCacheSize   = 64
	pdfConcurrency = 2
)

type pdfCache struct {
	mu    sync.Mutex
	byKey map[string][]byte
	order []string
	slots chan struct{}
}

var certificatePDFs = &pdfCache{byKey: map[string][]byte{}, slots: make(chan struct{}, pdfConcurrency)}

// get returns the cached PDF for key or draws it.
func (c *pdfCache) get(key string, in certificate.PDFInput) ([]byte, error) {
	c.mu.Lock()
	if b, ok := c.byKey[key]; ok {
		c.mu.Unlock()
		return b, nil
	}
	c.mu.Unlock()
	c.slots <- struct{}{}
	b, err := certificate.PDF(in)
	<-c.slots
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; !ok {
		c.byKey[key] = b
		c.order = append(c.order, key)
		if len(c.order) > pdfCacheSize {
			delete(c.byKey, c.order[0])
			c.order = c.order[1:]
		}
	}
	return b, nil
}
