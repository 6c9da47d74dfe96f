// Colours come from the theme tokens of app.css (light and dark, see its
// header) and the generated code-*.css only. A hard-coded colour in a
// component or another stylesheet would stay the same in the other theme:
// unreadable text, or a white box in dark mode.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '..');
const allowed = new Set(['styles/app.css', 'styles/code-light.css', 'styles/code-dark.css']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(svelte|css)$/.test(name) ? [p] : [];
  });
}

// A colour literal in a declaration's value: #hex, a colour function, or a named colour.
const COLOUR =
  /:[^;{}]*?(#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|\b(?:white|black|red|green|blue|gray|grey|yellow|orange)\b)/i;

/** cssOf returns the CSS a file holds: <style> blocks and style="" attributes of a component. */
function cssOf(path: string, text: string): string[] {
  if (path.endsWith('.css')) return text.split('\n');
  const out: string[] = [];
  for (const m of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) out.push(...m[1].split('\n'));
  for (const m of text.matchAll(/\bstyle(?::[\w-]+)?=["{]([^"}]*)["}]/g)) out.push(m[0]);
  return out;
}

/** hardCodedColours lists "file: line" for every colour outside the token files. */
export function hardCodedColours(root: string): string[] {
  const hits: string[] = [];
  for (const path of files(root)) {
    const rel = relative(root, path).replaceAll('\\', '/');
    if (allowed.has(rel)) continue;
    for (const line of cssOf(rel, readFileSync(path, 'utf8'))) {
      const code = line.replace(/\/\*.*?\*\//g, '');
      if (COLOUR.test(code)) hits.push(`${rel}: ${line.trim()}`);
    }
  }
  return hits;
}

describe('theme tokens', () => {
  it('no component or stylesheet hard-codes a colour (use a token from app.css)', () => {
    const hits = hardCodedColours(src);
    expect(hits, `hard-coded colours:\n${hits.join('\n')}`).toEqual([]);
  });
  it('the check finds one', () => {
    expect(COLOUR.test('  color: #5f6368;')).toBe(true);
    expect(COLOUR.test('  background: rgb(0 0 0 / 0.4);')).toBe(true);
    expect(COLOUR.test('  border: 1px solid white;')).toBe(true);
    expect(COLOUR.test('  color: var(--text);')).toBe(false);
    expect(COLOUR.test('  grid-template-columns: 1fr;')).toBe(false);
  });
});
