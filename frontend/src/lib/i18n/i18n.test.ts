import { describe, expect, it } from 'vitest';
import { match, negotiate } from './locales';
import { pseudo } from './pseudo';
import { loadForTest, onLocaleChange, setLocale, t } from './i18n.svelte';
import type { MessageKey } from './keys';

describe('locale negotiation', () => {
  it('prefers the own pick, then the workshop default, then the browser, then English', () => {
    expect(negotiate('ja', 'ko', ['de-DE'])).toBe('ja');
    expect(negotiate(null, 'ko', ['de-DE'])).toBe('ko');
    expect(negotiate(null, null, ['xx', 'de-DE'])).toBe('de');
    expect(negotiate(null, null, ['xx-YY'])).toBe('en');
    expect(negotiate('klingon', null, [])).toBe('en');
  });
  it('maps Chinese by script or region and Portuguese to Brazil', () => {
    expect(match('zh-Hant-HK')).toBe('zh-TW');
    expect(match('zh-HK')).toBe('zh-TW');
    expect(match('zh')).toBe('zh-CN');
    expect(match('zh-Hans-SG')).toBe('zh-CN');
    expect(match('pt-PT')).toBe('pt-BR');
    expect(match('ar-EG')).toBe('ar');
    expect(match('')).toBeNull();
  });
});

describe('t', () => {
  it('formats ICU plurals in the loaded language', () => {
    const key = 'test.steps' as MessageKey;
    loadForTest('en', { [key]: '{count, plural, one {# step} other {# steps}}' });
    expect(t(key, { count: 1 })).toBe('1 step');
    expect(t(key, { count: 3 })).toBe('3 steps');
    loadForTest('ar', { [key]: '{count, plural, zero {لا خطوات} one {خطوة واحدة} two {خطوتان} few {# خطوات} many {# خطوة} other {# خطوة}}' });
    expect(t(key, { count: 2 })).toBe('خطوتان');
    expect(t(key, { count: 0 })).toBe('لا خطوات');
  });
  it('shows the key for a missing message instead of throwing', () => {
    loadForTest('en', {});
    expect(t('common.language')).toBe('common.language');
  });
  it('makes the pseudo-locale accented and about 40 % longer', () => {
    const out = pseudo('Next step');
    expect(out).toContain('Ñéẋţ šţéþ');
    expect(out.length).toBeGreaterThanOrEqual(Math.floor('Next step'.length * 1.4));
  });
});

describe('onLocaleChange', () => {
  it('tells listeners the showing language after each load, the pseudo-locale as English', async () => {
    const seen: string[] = [];
    const off = onLocaleChange((l) => seen.push(l));
    await setLocale('ko');
    await setLocale('en-XA');
    off();
    await setLocale('ar');
    expect(seen).toEqual(['ko', 'en']);
    await setLocale('en');
  });
});
