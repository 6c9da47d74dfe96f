package markdown

import (
	"bytes"
	"crypto/sha256"
	"fmt"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

const (
	// cacheItems bounds how many rendered sources are kept.
	cacheItems = 2000
	// cacheBytes bounds the total HTML kept, whatever the entry count.
	cacheBytes = 64 << 20
)

// Renderer converts step markdown to safe HTML and caches the result by
// content hash. The zero value is not usable; call New.
type Renderer struct {
	md    goldmark.Markdown
	cache *lru
}

// New returns a Renderer with a bounded LRU cache keyed by the sha256 of the
// source (2000 entries, 64 MiB of HTML).
func New() *Renderer {
	return newRenderer(cacheItems, cacheBytes)
}

func newRenderer(items, bytes int) *Renderer {
	return &Renderer{md: newGoldmark(), cache: newLRU(items, bytes)}
}

// newGoldmark builds the one goldmark pipeline; goldmark.Markdown is safe for
// concurrent Convert calls.
func newGoldmark() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// GFM spelled out, so tables can use align="…" rather than
			// style="text-align:…": rendered content then needs no inline
			// styles at all (CSP-friendly, as with chroma's classes).
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.TaskList,
			extension.DefinitionList,
			highlighting.NewHighlighting(
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
				highlighting.WithWrapperRenderer(codeBlockWrapper),
			),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 500)),
		),
		goldmark.WithRendererOptions(
			// Lower priority values register last and so win over goldmark's
			// html renderer (1000) and the highlighter (200).
			renderer.WithNodeRenderers(util.Prioritized(safeRenderer{}, 100)),
		),
	)
}

// Render converts markdown to HTML that is safe to insert into a page: raw
// HTML is escaped and unsafe URL schemes are dropped. Safe for concurrent use.
func (r *Renderer) Render(src string) (string, error) {
	key := cacheKey(sha256.Sum256([]byte(src)))
	if html, ok := r.cache.get(key); ok {
		return html, nil
	}
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := r.md.Convert([]byte(src), &buf, parser.WithContext(ctx)); err != nil {
		return "", fmt.Errorf("markdown: render: %w", err)
	}
	html := buf.String()
	r.cache.add(key, html)
	return html, nil
}
