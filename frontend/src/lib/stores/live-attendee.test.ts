import { describe, expect, it } from 'vitest';
import { AttendeeLive } from './live-attendee.svelte';
import type { SocketLike } from '../services/live-socket';
import { api } from '../services/api-client';
import { useCatalogue } from '../testing/catalogue';

useCatalogue('en'); // assertions read the English catalogue

class FakeSocket implements SocketLike {
  static last: FakeSocket;
  readyState = 1;
  sent: Record<string, unknown>[] = [];
  onopen = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose = null;
  onerror = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(d: string) {
    this.sent.push(JSON.parse(d));
  }
  close() {}
  serve(...frames: object[]) {
    for (const f of frames) this.onmessage?.({ data: JSON.stringify(f) });
  }
}

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
    h.ws().serve({ type: 'chat', seq: 1, text: 'hello', from: me, at: '' });
    expect(h.live.chat.length).toBe(1);
    expect(h.live.pendingIn('room')).toEqual([]); // the event stands in for it before the ack
    const cid = h.ws().sent[0].cid;
    h.ws().serve({ type: 'ack', cid, seq: 1 });
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
});
