import { describe, expect, it } from 'vitest';
import { loadForTest } from '../../lib/i18n/i18n.svelte';
import en from '../../lib/i18n/messages/en/adminLive.json';
import ko from '../../lib/i18n/messages/ko/adminLive.json';
import ar from '../../lib/i18n/messages/ar/adminLive.json';
import { duration } from './alert';

const load = (loc: string, m: Record<string, string>) =>
  loadForTest(loc, Object.fromEntries(Object.entries(m).map(([k, v]) => [`adminLive.${k}`, v])));

describe('duration', () => {
  it('counts seconds, then minutes with padded seconds, then hours with padded minutes', () => {
    load('en', en);
    expect(duration(-5_000)).toBe('0 s');
    expect(duration(42_400)).toBe('42 s');
    expect(duration(185_000)).toBe('3 min 05 s');
    expect(duration(3_720_000)).toBe('1 h 02 min');
  });

  it('speaks the showing language', () => {
    load('ko', ko);
    expect(duration(185_000)).toBe('3분 05초');
    load('ar', ar);
    expect(duration(42_000)).not.toMatch(/\bs\b/);
  });
});
