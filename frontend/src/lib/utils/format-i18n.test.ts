import { describe, expect, it } from 'vitest';
import { minutes, relativeTime } from './format';
import { humanSize } from '../services/content-service';
import { mb } from '../services/submission-service';
import { useCatalogue } from '../testing/catalogue';

// Issue #11: "Updated 4분 전" in an English UI. Every Intl call takes the
// app's language, never the browser's or the machine's default.
describe('formats in the showing language', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const fourMinutesAgo = new Date(now.getTime() - 4 * 60_000).toISOString();

  it('says relative times in the app language only', () => {
    useCatalogue('en');
    expect(relativeTime(fourMinutesAgo, now)).toBe('4 minutes ago');
    useCatalogue('ko');
    expect(relativeTime(fourMinutesAgo, now)).toBe('4분 전');
    useCatalogue('ja');
    expect(relativeTime(fourMinutesAgo, now)).toBe('4 分前');
    useCatalogue('en');
    expect(relativeTime(fourMinutesAgo, now)).not.toMatch(/[^\x20-\x7e]/);
  });

  it('writes durations with the catalogue and numbers with Intl', () => {
    useCatalogue('en');
    expect(minutes(5)).toBe('5 min');
    expect(minutes(75)).toBe('1 h 15 min');
    expect(minutes(120)).toBe('2 h');
    useCatalogue('ko');
    expect(minutes(75)).toBe('1시간 15분');
    useCatalogue('de');
    expect(minutes(5)).toBe('5 Min.');
    useCatalogue('ar');
    expect(minutes(2)).toBe('دقيقتان');
  });

  it('sizes follow the language', () => {
    useCatalogue('en');
    expect(mb(10 << 20)).toBe('10 MB');
    expect(humanSize(1536 * 1024)).toBe('1.5 MB');
    useCatalogue('de');
    expect(humanSize(1536 * 1024)).toBe('1,5 MB');
  });
});
