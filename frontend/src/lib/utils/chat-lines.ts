import type { Line } from '../types/chat-line.type';
import type { ChatEvent, DmEvent, Pending } from '../types/live.type';

/**
 * chatLines turns a thread's events and its still-unacked messages into what
 * ChatLog shows: events in order (own ones named "You"), then the pending
 * ones greyed. meId is the viewer's sender id ('admin' for the facilitator).
 * Both chat panels use it, so the two views cannot drift apart.
 */
export function chatLines(events: (ChatEvent | DmEvent)[], pending: Pending[], meId: string): Line[] {
  const sent = events.map<Line>((e) => ({
    key: `s${e.seq}`,
    name: e.from.id === meId ? 'You' : e.from.name,
    text: e.text,
    at: e.at,
    mine: e.from.id === meId,
    pending: false,
  }));
  const waiting = pending.map<Line>((p) => ({
    key: `c${p.cid}`,
    name: 'You',
    text: 'text' in p ? p.text : '',
    at: '',
    mine: true,
    pending: true,
  }));
  return [...sent, ...waiting];
}
