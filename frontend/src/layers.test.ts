import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// lib is shared by the attendee app and the facilitator app, so it depends on
// nothing above it: no file under src/lib (tests included) imports from
// src/attendee or src/admin. Anything both apps use belongs in lib.

const src = resolve(import.meta.dirname);
const apps = ['attendee', 'admin'].map((a) => join(src, a));

/** specifiers lists the module specifiers a TS or Svelte source imports. */
function specifiers(code: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', export … from '…'
    /\bimport\s*['"]([^'"]+)['"]/g, // import '…' (side effects)
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

/** upwardImports names the imports of file (under lib) that land in an app. */
function upwardImports(file: string, code: string): string[] {
  return specifiers(code).filter((s) => {
    if (!s.startsWith('.')) return false;
    const target = resolve(dirname(file), s);
    return apps.some((a) => target === a || target.startsWith(a + sep));
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|svelte)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('layers', () => {
  it('finds an upward import in every form it can take', () => {
    const f = join(src, 'lib', 'utils', 'x.ts');
    const code = [
      "import type { Line } from '../../attendee/live/ChatLog.svelte';",
      "export { a } from \"../../admin/editor-draft\";",
      "const m = await import('../../admin/x');",
      "import '../../attendee/side.css';",
      "import { ok } from '../types/live.type';",
      "import { tick } from 'svelte';",
    ].join('\n');
    expect(upwardImports(f, code)).toEqual([
      '../../attendee/live/ChatLog.svelte',
      '../../admin/editor-draft',
      '../../attendee/side.css',
      '../../admin/x',
    ]);
  });

  it('lib imports nothing from src/attendee or src/admin', () => {
    const bad = walk(join(src, 'lib')).flatMap((f) =>
      upwardImports(f, readFileSync(f, 'utf8')).map((s) => `${relative(src, f)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });
});
