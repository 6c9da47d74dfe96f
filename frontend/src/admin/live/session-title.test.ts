import { describe, expect, it } from 'vitest';
import { loadForTest } from '../../lib/i18n/i18n.svelte';
import ko from '../../lib/i18n/messages/ko/adminLive.json';
import { formatDateTime } from '../../lib/i18n/format';
import { sessionTitle } from './session-title';

describe('sessionTitle', () => {
  it("names the server's default title in the showing language, and keeps a written one", () => {
    loadForTest('ko', Object.fromEntries(Object.entries(ko).map(([k, v]) => [`adminLive.${k}`, v])));
    const started = '2026-12-01T03:42:10.123Z';
    const shown = sessionTitle({ title: 'Session of 2026-12-01 03:42 UTC', started_at: started });
    expect(shown).toBe(`${formatDateTime(new Date(started))} 세션`);
    expect(shown).not.toMatch(/Session of/);
    expect(sessionTitle({ title: '오후 수업', started_at: started })).toBe('오후 수업');
    // Another minute is someone's own title, not the default.
    expect(sessionTitle({ title: 'Session of 2026-12-01 03:43 UTC', started_at: started })).toBe('Session of 2026-12-01 03:43 UTC');
  });
});
