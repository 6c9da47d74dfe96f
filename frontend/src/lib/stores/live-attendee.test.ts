import { describe, expect, it } from 'vitest';
import { AttendeeLive } from './live-attendee.svelte';
import { api } from '../services/api-client';
import { useCatalogue } from '../testing/catalogue';
import { FakeSocket } from './fake-socket';

useCatalogue('en'); // assertions read the English catalogue

const me = { id: 'a1', name: 'Ann' };
const bo = { id: 'a2', name: 'Bo' };
const admin = { id: 'admin', name: 'Facilitator' };
const ready = (seq: number) => ({ type: 'ready', seq, you: me, online: [] });

function harness() {
  api.configure({ base: 'http://127.0.0.1:1' }); // nothing listens: /api/me/help fails quietly
  const notices: string[] = [];
  const live = new AttendeeLive({
    codelabId: 'lab',
    session: { token: 't', id: me.id, name: me.name, continue_code: 'ABC234' },
    WebSocket: FakeSocket,
    onNotice: (m) => notices.push(m),
  });
  live.start();
  return { live, notices, ws: () => FakeSocket.last };
}

describe('AttendeeLive', () => {
  it('shows a pending message until its own event arrives, never twice', () => {
    const h = harness();
    h.ws().serve(ready(0));
    h.live.sendChat('hello');
    expect(h.live.pendingIn('room').map((p) => 'text' in p && p.text)).toEqual(['hello']);
    const cid = h.ws().sent[0].cid;
    h.ws().serve({ type: 'chat', seq: 1, text: 'hello', from: me, at: '', cid }); // our own copy carries our cid
    expect(h.live.chat.length).toBe(1);
    expect(h.live.pendingIn('room')).toEqual([]); // the event stands in for it before the ack
    h.ws().serve({ type: 'ack', cid, seq: 1 });
    expect(h.live.outbox).toEqual([]);
  });

  it('matches two identical texts sent quickly to their own pending entries by cid', () => {
    const h = harness();
    h.ws().serve(ready(0));
    h.live.sendChat('same');
    h.live.sendChat('same');
    h.live.sendDm('same');
    const [c1, c2, c3] = h.ws().sent.map((f) => f.cid as string);
    expect(new Set([c1, c2, c3]).size).toBe(3);
    // The second one lands first (the first was rate limited and waits for its resend).
    h.ws().serve({ type: 'chat', seq: 1, text: 'same', from: me, at: '', cid: c2 });
    expect(h.live.pendingIn('room').map((p) => p.cid)).toEqual([c1]);
    expect(h.live.pendingIn('dm').map((p) => p.cid)).toEqual([c3]);
    // Someone else's identical text resolves nothing of ours.
    h.ws().serve({ type: 'chat', seq: 2, text: 'same', from: bo, at: '' });
    expect(h.live.pendingIn('room').map((p) => p.cid)).toEqual([c1]);
    h.ws().serve({ type: 'chat', seq: 3, text: 'same', from: me, at: '', cid: c1 });
    h.ws().serve({ type: 'dm', seq: 4, text: 'same', from: me, to: admin, at: '', cid: c3 });
    expect(h.live.pendingIn('room')).toEqual([]);
    expect(h.live.pendingIn('dm')).toEqual([]);
    expect(h.live.chat.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(h.live.dms.map((d) => d.seq)).toEqual([4]);
    // The acks that follow change nothing.
    for (const [cid, seq] of [[c2, 1], [c1, 3], [c3, 4]] as const) h.ws().serve({ type: 'ack', cid, seq });
    expect(h.live.outbox).toEqual([]);
  });

  it('counts unread only for live messages from others in a closed thread', () => {
    const h = harness();
    h.ws().serve({ type: 'chat', seq: 1, text: 'history', from: bo, at: '' }, ready(1));
    h.ws().serve({ type: 'chat', seq: 2, text: 'new', from: bo, at: '' });
    h.ws().serve({ type: 'dm', seq: 3, text: 'psst', from: admin, to: me, at: '' });
    expect(h.live.unread).toEqual({ room: 1, dm: 1 });
    expect(h.notices).toEqual(['Facilitator: psst']);
    h.live.openPanel('room');
    expect(h.live.unread.room).toBe(0);
    h.ws().serve({ type: 'chat', seq: 4, text: 'seen', from: bo, at: '' });
    expect(h.live.unread.room).toBe(0);
  });

  it('follows a help request from waiting to resolved', () => {
    const h = harness();
    h.ws().serve(ready(0));
    h.live.askHelp(2);
    expect(h.live.helpStatus).toBe('sending');
    expect(h.ws().sent.at(-1)).toMatchObject({ type: 'help', step: 2 });
    const req = { id: 'h1', attendee: me, step: 2, created_at: '', position: 3 };
    h.ws().serve({ type: 'help', seq: 1, request: req, at: '' });
    expect(h.live.helpStatus).toBe('waiting');
    h.ws().serve({ type: 'help_position', request_id: 'h1', position: 1 });
    expect(h.live.help?.position).toBe(1);
    h.ws().serve({ type: 'help_resolved', seq: 2, request_id: 'h1', attendee: me, by: admin, at: '' });
    expect(h.live.helpStatus).toBe('resolved');
  });

  it('sends progress only when the step differs from what the server has', () => {
    const h = harness();
    h.ws().serve(ready(0));
    h.live.serverStep = 2;
    h.live.sendProgress(2);
    h.live.sendProgress(3);
    h.live.sendProgress(3);
    h.live.sendProgress(3, [3]);
    expect(h.ws().sent.map((f) => [f.type, f.step, f.completed])).toEqual([
      ['progress', 3, undefined],
      ['progress', 3, [3]],
    ]);
  });

  it('shows who is coming and answers the helper who wrote last', () => {
    const h = harness();
    const sam = { id: 'h1', name: 'Sam', role: 'helper' as const };
    h.ws().serve(ready(0), { type: 'help', seq: 1, request: { id: 'r1', attendee: me, step: 1, created_at: '', position: 1 }, at: '' });
    h.ws().serve({ type: 'help_claimed', seq: 2, request_id: 'r1', attendee: me, claimed_by: sam, by: sam, at: '' });
    expect(h.live.help?.claimed_by?.name).toBe('Sam');
    h.ws().serve({ type: 'dm', seq: 3, text: 'on my way', from: sam, to: me, at: '' });
    expect(h.live.dms.map((d) => d.text)).toEqual(['on my way']);
    h.live.sendDm('thanks');
    expect(h.ws().sent.at(-1)).toMatchObject({ type: 'dm', to: 'h1', text: 'thanks' });
    h.ws().serve({ type: 'dm', seq: 4, text: 'from the front', from: admin, to: me, at: '' });
    h.live.sendDm('ok');
    expect(h.ws().sent.at(-1)).toMatchObject({ type: 'dm', to: 'admin' });
  });
});
