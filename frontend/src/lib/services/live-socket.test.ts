import { describe, expect, it } from 'vitest';
import { LiveSocket, backoffDelay, type SocketLike } from './live-socket';
import { wsURL } from '../utils/ws-url';
import type { StorageLike } from '../utils/storage';
import type { ServerFrame } from '../types/live.type';

/** FakeSocket records what the client sends and lets the test play the server. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  /** serve plays frames from the server. */
  serve(...frames: object[]) {
    for (const f of frames) this.onmessage?.({ data: JSON.stringify(f) });
  }
  /** drop simulates the connection going away. */
  drop(code = 1006) {
    this.onclose?.({ code });
  }
}

/** FakeTimers runs scheduled callbacks when the test says so. */
class FakeTimers {
  queue: { fn: () => void; ms: number; id: number }[] = [];
  private next = 1;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.queue.push({ fn, ms, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== id);
  };
  /** runNext runs the earliest-added timer and returns its delay. */
  runNext(): number {
    const t = this.queue.shift();
    if (!t) throw new Error('got no timer, want one');
    t.fn();
    return t.ms;
  }
}

class MemStorage implements StorageLike {
  m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, v);
  removeItem = (k: string) => void this.m.delete(k);
}

function harness(opts: { random?: () => number; storage?: StorageLike } = {}) {
  FakeSocket.all = [];
  const timers = new FakeTimers();
  let n = 0;
  const sock = new LiveSocket({
    url: (since) => `ws://x/ws?since=${since}`,
    WebSocket: FakeSocket,
    timers,
    random: opts.random ?? (() => 0.5),
    storage: opts.storage ?? new MemStorage(),
    outboxKey: 'outbox',
    newCid: () => `c${++n}`,
  });
  const frames: ServerFrame[] = [];
  sock.onFrame((f) => frames.push(f));
  sock.start();
  const last = () => FakeSocket.all[FakeSocket.all.length - 1];
  return { sock, timers, frames, last };
}

const ready = (seq: number) => ({ type: 'ready', seq, you: { id: 'a1', name: 'Ann' }, online: [] });
const chat = (seq: number, text = 'hi') => ({ type: 'chat', seq, text, from: { id: 'a2', name: 'Bo' }, at: '' });

describe('LiveSocket', () => {
  it('sends after ready and an ack removes the message from the outbox', () => {
    const h = harness();
    const cid = h.sock.send({ type: 'chat', text: 'hello' });
    expect(h.last().sent).toEqual([]); // not ready yet: only queued
    h.last().serve(ready(0));
    expect(h.sock.state).toBe('online');
    expect(h.last().sent).toEqual([{ type: 'chat', text: 'hello', cid }]);
    expect(h.sock.outbox.map((p) => p.cid)).toEqual([cid]);
    h.last().serve({ type: 'ack', cid, seq: 7 });
    expect(h.sock.outbox).toEqual([]);
  });

  it('re-sends an unacked message with the same cid after a reconnect, with since', () => {
    const h = harness();
    h.last().serve(ready(3), chat(4));
    const cid = h.sock.send({ type: 'chat', text: 'lost ack' });
    const first = h.last();
    first.drop();
    expect(h.sock.state).toBe('connecting');
    h.timers.runNext();
    const second = h.last();
    expect(second).not.toBe(first);
    expect(second.url).toBe('ws://x/ws?since=4');
    second.serve(ready(4));
    expect(second.sent).toEqual([{ type: 'chat', text: 'lost ack', cid }]);
  });

  it('resolves a pending message by the cid of its own event, and a replayed one is not re-sent', () => {
    const h = harness();
    h.last().serve(ready(0));
    const c1 = h.sock.send({ type: 'chat', text: 'same' });
    const c2 = h.sock.send({ type: 'chat', text: 'same' });
    const own = (seq: number, cid: string) => ({ ...chat(seq, 'same'), from: { id: 'a1', name: 'Ann' }, cid });
    h.last().serve(own(1, c2)); // the second one landed first (the first was rate limited, say)
    expect(h.sock.outbox.map((p) => p.cid)).toEqual([c1]);
    h.last().serve({ ...chat(2, 'same'), cid: 'another-tab' }); // a cid we never had changes nothing
    expect(h.sock.outbox.map((p) => p.cid)).toEqual([c1]);
    // The connection drops before c1's ack; the replay brings its event back with the cid.
    h.last().drop();
    h.timers.runNext();
    h.last().serve(own(3, c1), ready(3));
    expect(h.sock.outbox).toEqual([]);
    expect(h.last().sent).toEqual([]); // nothing left to re-send
  });

  it('keeps the outbox in storage so a reload sends it again', () => {
    const storage = new MemStorage();
    const h1 = harness({ storage });
    const cid = h1.sock.send({ type: 'dm', to: 'admin', text: 'offline note' });
    h1.sock.stop();
    const h2 = harness({ storage });
    h2.last().serve(ready(0));
    expect(h2.last().sent).toEqual([{ type: 'dm', to: 'admin', text: 'offline note', cid }]);
    h2.last().serve({ type: 'ack', cid, seq: 1 });
    expect(storage.getItem('outbox')).toBeNull();
  });

  it('ignores events whose seq it already has', () => {
    const h = harness();
    h.last().serve(ready(2), chat(3, 'a'), chat(3, 'dup'), chat(2, 'old'), chat(4, 'b'));
    const texts = h.frames.filter((f) => f.type === 'chat').map((f) => (f as { text: string }).text);
    expect(texts).toEqual(['a', 'b']);
    expect(h.sock.seq).toBe(4);
  });

  it('adopts a lower seq from ready (since clamped after a restore) and shows new events', () => {
    const h = harness();
    h.last().serve(ready(0), chat(1), chat(2), chat(3));
    h.last().drop();
    h.timers.runNext();
    expect(h.last().url).toBe('ws://x/ws?since=3');
    h.last().serve(ready(1), chat(2, 'after restore'));
    expect(h.sock.seq).toBe(2);
    expect(h.frames.filter((f) => f.type === 'chat').map((f) => (f as { text: string }).text).at(-1)).toBe('after restore');
  });

  it('resumes from the seq reached during a replay cut short, backing off with jitter', () => {
    const h = harness({ random: () => 1 });
    h.last().serve(chat(1), chat(2)); // replay frames, then the connection drops before ready
    h.last().drop();
    const delay = h.timers.runNext();
    expect(delay).toBe(1200); // 1 s base, +20 % jitter at random() = 1
    expect(h.last().url).toBe('ws://x/ws?since=2');
  });

  it('passes frames without seq through (presence, help_position)', () => {
    const h = harness();
    h.last().serve(ready(5), { type: 'presence', attendee: { id: 'a', name: 'A' }, online: true });
    expect(h.frames.map((f) => f.type)).toEqual(['ready', 'presence']);
  });

  it('backs off 1 s doubling to 30 s with jitter, and resets after ready', () => {
    let r = 0;
    const h = harness({ random: () => r });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      h.last().drop();
      delays.push(h.timers.runNext());
    }
    expect(delays).toEqual([800, 1600, 3200, 6400, 12800, 24000, 24000]);
    expect(h.sock.state).toBe('connecting');
    r = 1;
    h.last().drop();
    expect(h.timers.runNext()).toBe(30_000); // 30 s × 1.2 is capped at 30 s
    h.last().serve(ready(0));
    h.last().drop();
    expect(h.timers.runNext()).toBe(1200); // attempt counter reset: 1 s × 1.2
  });

  it('reconnects at once with since after close code 4008', () => {
    const h = harness();
    h.last().serve(ready(9));
    h.last().drop(4008);
    expect(h.timers.runNext()).toBe(0);
    expect(h.last().url).toBe('ws://x/ws?since=9');
  });

  it('stops for good after close code 4003 or 4004 and says why', () => {
    for (const code of [4003, 4004]) {
      const h = harness();
      const ended: { code: number; reason: string }[] = [];
      const states: string[] = [];
      h.sock.onEnded((e) => ended.push(e));
      h.sock.onState((s) => states.push(s));
      h.last().serve(ready(3));
      h.last().onclose?.({ code, reason: 'removed by the facilitator' });
      expect(ended).toEqual([{ code, reason: 'removed by the facilitator' }]);
      expect(h.timers.queue).toHaveLength(0);
      expect(states.at(-1)).toBe('offline');
      expect(FakeSocket.all).toHaveLength(1);
    }
  });

  it('resends a rate_limited message later with the same cid', () => {
    const h = harness();
    h.last().serve(ready(0));
    const cid = h.sock.send({ type: 'chat', text: 'fast' });
    h.last().serve({ type: 'error', code: 'rate_limited', message: 'slow down', cid });
    expect(h.sock.outbox.map((p) => p.cid)).toEqual([cid]);
    expect(h.timers.runNext()).toBe(1000);
    expect(h.last().sent.map((f) => f.cid)).toEqual([cid, cid]);
  });

  it('drops a refused message from the outbox and reports it', () => {
    const h = harness();
    h.last().serve(ready(0));
    const errors: string[] = [];
    h.sock.onSendError((e) => errors.push(`${e.code}:${e.frame?.cid}`));
    const cid = h.sock.send({ type: 'help' });
    h.last().serve({ type: 'error', code: 'help_already_open', message: 'x', cid });
    expect(h.sock.outbox).toEqual([]);
    expect(errors).toEqual([`help_already_open:${cid}`]);
  });

  it('pause closes and queues; resume reconnects at once', () => {
    const h = harness();
    h.last().serve(ready(1));
    h.sock.pause();
    expect(h.sock.state).toBe('offline');
    expect(h.last().closed).toBe(true);
    const cid = h.sock.send({ type: 'chat', text: 'while offline' });
    expect(h.timers.queue).toEqual([]);
    h.sock.resume();
    expect(h.last().url).toBe('ws://x/ws?since=1');
    h.last().serve(ready(1));
    expect(h.last().sent).toEqual([{ type: 'chat', text: 'while offline', cid }]);
  });
});

describe('backoffDelay', () => {
  it('is jittered within ±20 % of the doubling base', () => {
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 0.5)).toBe(1000);
    expect(backoffDelay(2, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.5)).toBe(30_000);
  });
});

describe('wsURL', () => {
  it('derives ws URLs from the API base or the page', () => {
    expect(wsURL('http://127.0.0.1:8080', '/api/admin/ws?x=1')).toBe('ws://127.0.0.1:8080/api/admin/ws?x=1');
    expect(wsURL('', '/ws', { protocol: 'https:', host: 'h:1' })).toBe('wss://h:1/ws');
  });
});
