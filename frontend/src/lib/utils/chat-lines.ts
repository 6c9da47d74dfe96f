import type { Line } from '../types/chat-line.type';
import { t } from '../i18n/i18n.svelte';
import type { ChatEvent, DmEvent, Pending } from '../types/live.type';

/**
 * chatLines turns a thread's events and its still-unacked messages into what
 * ChatLog shows: events in order (own ones named You, the facilitator by its
 * word in the showing language), then the pending
 * ones greyed. meId is the viewer's sender id ('admin' for the facilitator).
 * Both chat panels use it, so the two views cannot drift apart.
 */
export function chatLines(events: (ChatEvent | DmEvent)[], pending: Pending[], meId: string): Line[] {
  const sent = events.map<Line>((e) => ({
    key: `s${e.seq}`,
    name: e.from.id === meId ? t('common.chat.you') : e.from.id === 'admin' ? t('common.chat.facilitator') : e.from.name,
    text: e.text,
    at: e.at,
    mine: e.from.id === meId,
    pending: false,
  }));
  const waiting = pending.map<Line>((p) => ({
    key: `c${p.cid}`,
    name: t('common.chat.you'),
    text: 'text' in p ? p.text : '',
    at: '',
    mine: true,
    pending: true,
  }));
  return [...sent, ...waiting];
}
