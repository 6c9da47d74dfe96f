import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadForTest } from '../i18n/i18n.svelte';
import { missingImagesPath, whereUsed } from './missing-images-service';

/** use installs the real catalogue of these namespaces in loc (vitest does not precompile ICU). */
function use(loc: string, ...namespaces: string[]) {
  const out: Record<string, string> = {};
  for (const ns of namespaces) {
    const file = new URL(`../i18n/messages/${loc}/${ns}.json`, import.meta.url);
    for (const [k, v] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) out[`${ns}.${k}`] = v;
  }
  loadForTest(loc, out);
}

describe('missing images', () => {
  it('names where a reference is used, in the showing language', () => {
    use('en', 'adminNotices');
    expect(whereUsed({ ref: 'a.png', steps: [2] })).toBe('step 2');
    expect(whereUsed({ ref: 'a.png', steps: [1, 3, 4] })).toBe('steps 1, 3, and 4');
    expect(whereUsed({ ref: 'a.png', steps: [], in_guide: true })).toBe('the preparation guide');
    expect(whereUsed({ ref: 'a.png', steps: [5], in_guide: true })).toBe('step 5 and the preparation guide');
    use('ko', 'adminNotices');
    expect(whereUsed({ ref: 'a.png', steps: [1, 3], in_guide: true })).toBe('1 및 3단계 및 준비 가이드');
  });

  it('puts the reference in the query for the desktop picker', () => {
    expect(missingImagesPath('a b')).toBe('/api/admin/codelabs/a%20b/missing-images');
    expect(missingImagesPath('x', 'img/my pic.png')).toBe('/api/admin/codelabs/x/missing-images?ref=img%2Fmy%20pic.png');
  });
});
