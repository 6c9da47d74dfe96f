// The boot script (public/theme-boot.js, run before the first paint) and the
// theme store must agree on every pick and system scheme, or the page would
// switch theme once the app starts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { THEME_KEY, readChoice, resolveTheme } from './theme.svelte';

const boot = readFileSync(resolve(import.meta.dirname, '../../../public/theme-boot.js'), 'utf8');

function runBoot(stored: string | null, systemDark: boolean, storageThrows = false): string | null {
  let theme: string | null = null;
  const localStorage = {
    getItem(k: string) {
      if (storageThrows) throw new Error('blocked');
      return k === THEME_KEY ? stored : null;
    },
  };
  const window = { matchMedia: (q: string) => ({ matches: q === '(prefers-color-scheme: dark)' && systemDark }) };
  const document = { documentElement: { setAttribute: (n: string, v: string) => n === 'data-theme' && (theme = v) } };
  runInNewContext(boot, { localStorage, window, document });
  return theme;
}

function store(v: string | null) {
  return { getItem: () => v, setItem() {}, removeItem() {} };
}

describe('theme', () => {
  for (const stored of [null, 'system', 'light', 'dark', 'bogus']) {
    for (const systemDark of [false, true]) {
      it(`boot script and store agree: stored ${stored}, system ${systemDark ? 'dark' : 'light'}`, () => {
        const want = resolveTheme(readChoice(store(stored)), systemDark);
        expect(runBoot(stored, systemDark)).toBe(want);
      });
    }
  }
  it('an explicit pick wins over the system', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
  it('blocked storage follows the system', () => {
    expect(runBoot(null, true, true)).toBe('dark');
    expect(runBoot(null, false, true)).toBe('light');
  });
});
