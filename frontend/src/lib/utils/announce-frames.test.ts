// What the polite live region says about live frames: other people's chat
// while the chat is closed, the help queue; never one's own messages.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadForTest } from '../i18n/i18n.svelte';
import a11y from '../i18n/messages/en/a11y.json';
import { adminAnnouncement, attendeeAnnouncement } from './announce-frames';
import type { HelpRequest, ServerFrame } from '../types/live.type';

const at = '2026-01-01T00:00:00Z';
const ada = { id: 'a1', name: 'Ada' };
const bob = { id: 'b1', name: 'Bob' };
const chat = (from: typeof ada, text: string) => ({ type: 'chat', seq: 1, text, from, at }) as ServerFrame;

beforeAll(() => {
  loadForTest('en', Object.fromEntries(Object.entries(a11y).map(([k, v]) => [`a11y.${k}`, v])));
});

describe('attendeeAnnouncement', () => {
  it("says another attendee's chat message while the chat is closed", () => {
    expect(attendeeAnnouncement(chat(bob, 'hi'), ada.id, false)).toBe('Bob in the chat: hi');
  });
  it('says nothing of my own message, or while the chat (a log region) is open', () => {
    expect(attendeeAnnouncement(chat(ada, 'hi'), ada.id, false)).toBe('');
    expect(attendeeAnnouncement(chat(bob, 'hi'), ada.id, true)).toBe('');
  });
  it('says the place in the help queue and a resolve by the facilitator, not my own cancel', () => {
    expect(attendeeAnnouncement({ type: 'help_position', request_id: 'h', position: 2 } as ServerFrame, ada.id, false)).toBe(
      'You are number 2 in line for help.',
    );
    const resolved = (by: typeof ada) => ({ type: 'help_resolved', seq: 2, request_id: 'h', attendee: ada, by, at }) as ServerFrame;
    expect(attendeeAnnouncement(resolved({ id: 'admin', name: 'Facilitator' }), ada.id, false)).toBe('Your help request was resolved.');
    expect(attendeeAnnouncement(resolved(ada), ada.id, false)).toBe('');
  });
});

describe('adminAnnouncement', () => {
  const req = (id: string): HelpRequest => ({ id, attendee: bob, step: 1, created_at: at, position: 1 });
  it('says how many help requests wait after a change, with plurals', () => {
    const help = { type: 'help', seq: 3, request: req('h1'), at } as ServerFrame;
    expect(adminAnnouncement(help, [req('h1')])).toBe('1 help request waiting');
    expect(adminAnnouncement(help, [req('h1'), req('h2')])).toBe('2 help requests waiting');
    const done = { type: 'help_resolved', seq: 4, request_id: 'h1', attendee: bob, by: ada, at } as ServerFrame;
    expect(adminAnnouncement(done, [])).toBe('No help requests waiting');
  });
  it('leaves chat to the on-screen chat log', () => {
    expect(adminAnnouncement(chat(bob, 'hi'), [])).toBe('');
  });
});
