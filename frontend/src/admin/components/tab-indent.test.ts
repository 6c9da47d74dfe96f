// The markdown editor's Tab and Shift+Tab (tab-indent.ts): pure text edits.
import { describe, expect, it } from 'vitest';
import { indentEdit } from './tab-indent';

/** run applies an edit to "text" where [ and ] mark the selection (| a cursor). */
function run(marked: string, outdent = false): string {
  const cursor = marked.indexOf('|');
  let text: string;
  let s: number;
  let e: number;
  if (cursor >= 0) {
    text = marked.replace('|', '');
    s = e = cursor;
  } else {
    s = marked.indexOf('[');
    e = marked.indexOf(']') - 1;
    text = marked.replace('[', '').replace(']', '');
  }
  const out = indentEdit(text, s, e, outdent);
  if (out.start === out.end) return out.text.slice(0, out.start) + '|' + out.text.slice(out.start);
  return out.text.slice(0, out.start) + '[' + out.text.slice(out.start, out.end) + ']' + out.text.slice(out.end);
}

describe('indentEdit', () => {
  it('Tab with no selection inserts two spaces at the cursor', () => {
    expect(run('- a\n|- b')).toBe('- a\n  |- b');
    expect(run('fo|o')).toBe('fo  |o');
  });
  it('Tab indents every selected line and keeps them selected', () => {
    expect(run('[a\nb]\nc')).toBe('  [a\n  b]\nc');
    expect(run('x[a\nb]')).toBe('  x[a\n  b]');
  });
  it('a selection ending at a line start leaves that line alone', () => {
    expect(run('[a\n]b')).toBe('  [a\n]b');
  });
  it('Shift+Tab outdents one level per line, at most what is there', () => {
    expect(run('[  a\n    b\n c\nd]', true)).toBe('[a\n  b\nc\nd]');
    expect(run('  - it|em', true)).toBe('- it|em');
    expect(run('\t|x', true)).toBe('|x');
  });
  it('Shift+Tab on a line without indent changes nothing', () => {
    expect(run('ab|c', true)).toBe('ab|c');
  });
});
