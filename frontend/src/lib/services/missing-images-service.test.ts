import { afterAll, describe, expect, it } from 'vitest';
import { initI18n, setLocale } from '../i18n/i18n.svelte';
import { missingImagesPath, whereUsed } from './missing-images-service';

describe('missing images', () => {
  afterAll(() => setLocale('en'));

  it('names where a reference is used, in the showing language', async () => {
    await initI18n({ admin: true });
    await setLocale('en');
    expect(whereUsed({ ref: 'a.png', steps: [2] })).toBe('step 2');
    expect(whereUsed({ ref: 'a.png', steps: [1, 3, 4] })).toBe('steps 1, 3, and 4');
    expect(whereUsed({ ref: 'a.png', steps: [], in_guide: true })).toBe('the preparation guide');
    expect(whereUsed({ ref: 'a.png', steps: [5], in_guide: true })).toBe('step 5 and the preparation guide');
    await setLocale('ko');
    expect(whereUsed({ ref: 'a.png', steps: [1, 3], in_guide: true })).toBe('1 및 3단계 및 준비 가이드');
  });

  it('puts the reference in the query for the desktop picker', () => {
    expect(missingImagesPath('a b')).toBe('/api/admin/codelabs/a%20b/missing-images');
    expect(missingImagesPath('x', 'img/my pic.png')).toBe('/api/admin/codelabs/x/missing-images?ref=img%2Fmy%20pic.png');
  });
});
