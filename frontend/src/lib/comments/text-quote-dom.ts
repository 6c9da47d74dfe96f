/**
 * text-quote-dom maps text-quote.ts onto a rendered step: the step's text is
 * the concatenation of its text nodes (code-block Copy buttons and other
 * controls left out), a selection becomes a span of that text, and a span
 * becomes <mark> elements around the text nodes it covers.
 */
import type { TextSpan } from './text-quote';

export interface TextIndex {
  text: string;
  nodes: Text[];
  starts: number[];
}

/** skipped reports text the reader does not read as the step's text (button labels). */
function skipped(n: Node, root: Element): boolean {
  for (let p = n.parentElement; p && p !== root; p = p.parentElement) {
    if (p.tagName === 'BUTTON' || p.hasAttribute('data-no-quote')) return true;
  }
  return false;
}

/** indexText lists the text nodes of root with their offsets in its text. */
export function indexText(root: Element): TextIndex {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skipped(n, root)) continue;
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  return { text, nodes, starts };
}

/** rangeSpan is the part of range inside the indexed text, or null when they do not meet. */
export function rangeSpan(ix: TextIndex, range: Range): TextSpan | null {
  let start = -1;
  let end = -1;
  ix.nodes.forEach((n, i) => {
    if (!range.intersectsNode(n)) return;
    const from = n === range.startContainer ? range.startOffset : 0;
    const to = n === range.endContainer ? range.endOffset : n.data.length;
    if (to <= from && n.data.length > 0) return;
    if (start < 0) start = ix.starts[i] + from;
    end = ix.starts[i] + to;
  });
  return start >= 0 && end > start ? { start, end } : null;
}

export const MARK_CLASS = 'cmt-mark';

/**
 * markSpan wraps the text of span in <mark class="cmt-mark" data-thread=id>
 * elements (one per text node it covers) and returns them. The index must be
 * fresh: call indexText again after marking.
 */
export function markSpan(ix: TextIndex, span: TextSpan, id: string, extraClass = ''): HTMLElement[] {
  const marks: HTMLElement[] = [];
  ix.nodes.forEach((n, i) => {
    const s = ix.starts[i];
    const e = s + n.data.length;
    const from = Math.max(span.start, s) - s;
    const to = Math.min(span.end, e) - s;
    // Whitespace between blocks is left alone: it may be a direct child of
    // the {@html} block, whose own nodes must stay where Svelte put them.
    if (to <= from || !n.data.slice(from, to).trim()) return;
    let target = n;
    if (to < target.data.length) target.splitText(to);
    if (from > 0) target = target.splitText(from);
    const mark = n.ownerDocument.createElement('mark');
    mark.className = extraClass ? `${MARK_CLASS} ${extraClass}` : MARK_CLASS;
    mark.dataset.thread = id;
    target.parentNode?.insertBefore(mark, target);
    mark.appendChild(target);
    marks.push(mark);
  });
  return marks;
}

/** clearMarks unwraps every mark markSpan made under root. */
export function clearMarks(root: Element): void {
  for (const m of root.querySelectorAll(`mark.${MARK_CLASS}`)) {
    const parent = m.parentNode;
    if (!parent) continue;
    while (m.firstChild) parent.insertBefore(m.firstChild, m);
    parent.removeChild(m);
    parent.normalize();
  }
}
