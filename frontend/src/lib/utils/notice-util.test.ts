import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadForTest } from '../i18n/i18n.svelte';
import { ApiError } from '../services/api-client';
import { errorMessage } from './error-util';
import { fieldErrorText, noticeText, noticeTexts } from './notice-util';

/** use installs the real catalogue of these namespaces in loc (vitest does not precompile ICU). */
function use(loc: string, ...namespaces: string[]) {
  const out: Record<string, string> = {};
  for (const ns of namespaces) {
    const file = new URL(`../i18n/messages/${loc}/${ns}.json`, import.meta.url);
    for (const [k, v] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) out[`${ns}.${k}`] = v;
  }
  loadForTest(loc, out);
}

const NS = ['adminNotices', 'adminFields', 'common', 'errors'];

describe('server notices and field errors in the showing language', () => {
  it('translates import and join notices by code, with plurals and selects', () => {
    use('ko', ...NS);
    expect(noticeText({ code: 'steps_other_environment', params: { count: '2', environment: 'web' }, message: 'x' })).toBe(
      '2개 단계가 “web” 이외의 환경용이에요. 남겨 두었지만 참가자에게는 숨겨져요.',
    );
    expect(noticeText({ code: 'image_missing', params: { image: 'a.png', place: 'step', step: '3' }, message: 'x' })).toContain('3단계');
    expect(noticeText({ code: 'no_lan', message: 'This computer…' })).not.toMatch(/[A-Za-z]{4}/);
    expect(noticeText({ code: 'quiz_skipped', params: { reason: 'English', reason_code: 'empty_question' }, message: 'x' })).not.toContain('English');
    use('ar', ...NS);
    expect(noticeText({ code: 'published_hidden', message: 'x' })).toContain('مخفية');
    expect(noticeText({ code: 'mdns_failed', params: { name: 'room.local', error: 'busy' }, message: 'x' })).toContain('room.local');
  });

  it('keeps the English text for an unknown code, and old servers without notices', () => {
    expect(noticeText({ code: 'brand_new', message: 'Plain English.' })).toBe('Plain English.');
    expect(noticeTexts(undefined, ['Old warning.'])).toEqual(['Old warning.']);
  });

  it('says an invalid_field error with the field name and its values', () => {
    use('de', ...NS);
    expect(fieldErrorText({ field: 'steps[].title', reason: 'too_long', params: { step: 2, max: 300 } })).toBe(
      'Titel von Schritt 2: Zu lang, höchstens 300 Zeichen.',
    );
    expect(fieldErrorText({ field: 'polls', reason: 'required' })).toBeNull();
    const e = new ApiError(400, 'invalid_field', 'The field max_attendees must be between 1 and 2000.', {
      field: 'max_attendees', reason: 'range', params: { min: 1, max: 2000 },
    });
    expect(errorMessage(e)).toBe('Höchstzahl der Teilnehmer: Muss zwischen 1 und 2.000 liegen.');
    use('en', ...NS);
    expect(errorMessage(e)).toBe('Maximum attendees must be between 1 and 2,000.');
    expect(errorMessage(new ApiError(400, 'invalid_field', 'The field polls is required.', { field: 'polls', reason: 'required' }))).toBe(
      'The field polls is required.',
    );
  });
});
