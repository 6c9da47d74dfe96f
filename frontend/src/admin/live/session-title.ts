import { t } from '../../lib/i18n/i18n.svelte';
import { formatDateTime } from '../../lib/i18n/format';
import type { Session } from '../../lib/types/session.type';

/**
 * sessionTitle shows a session the server named by default (backend/store
 * defaultTitle: "Session of 2006-01-02 15:04 UTC") in the facilitator's
 * language and time zone; a title someone wrote stays as written.
 */
export function sessionTitle(s: Pick<Session, 'title' | 'started_at'>): string {
  const at = new Date(s.started_at);
  if (Number.isNaN(at.getTime())) return s.title;
  const iso = at.toISOString();
  const serverDefault = `Session of ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`; // i18n-ignore: the server's text, matched
  return s.title === serverDefault ? t('adminLive.sessions.defaultTitle', { date: formatDateTime(at) }) : s.title;
}
