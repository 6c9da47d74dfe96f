// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { clearMarks, indexText, markSpan, rangeSpan } from './text-quote-dom';
import { describe as quote, locate } from './text-quote';

function content(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe('text-quote-dom', () => {
  it('turns a selection across elements into a span and marks it back', () => {
    const el = content('<p>Install <b>the tools</b> first.</p><p>Then run it.</p><div class="code-block"><pre>make</pre><button>Copy</button></div>');
    const ix = indexText(el);
    expect(ix.text).toBe('Install the tools first.Then run it.make');
    const r = document.createRange();
    r.setStart(el.querySelector('b')!.firstChild!, 4);
    r.setEnd(el.querySelectorAll('p')[1].firstChild!, 4);
    const span = rangeSpan(ix, r)!;
    expect(ix.text.slice(span.start, span.end)).toBe('tools first.Then');
    const q = quote(ix.text, span.start, span.end)!;
    const marks = markSpan(ix, locate(ix.text, q)!, 't1');
    expect(marks.map((m) => m.textContent).join('')).toBe('tools first.Then');
    expect(el.querySelectorAll('mark[data-thread="t1"]').length).toBe(3);
    expect(indexText(el).text).toBe(ix.text);
    clearMarks(el);
    expect(el.querySelector('mark')).toBeNull();
    expect(el.innerHTML).toContain('<b>the tools</b>');
    expect(indexText(el).nodes.length).toBe(ix.nodes.length);
  });

  it('ignores a selection outside the content', () => {
    const el = content('<p>Step text.</p>');
    const other = document.createElement('p');
    other.textContent = 'Elsewhere';
    document.body.appendChild(other);
    const r = document.createRange();
    r.selectNodeContents(other);
    expect(rangeSpan(indexText(el), r)).toBeNull();
  });
});
