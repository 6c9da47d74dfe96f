import { describe, expect, it } from 'vitest';
import { AdminLive, histogram, isStuck, median } from './live-admin.svelte';
import { api } from '../services/api-client';
import { FakeSocket } from './fake-socket';

describe('stuck rule', () => {
  const min = 60_000;
  it('needs both more than 3 minutes and more than twice the median of those who passed', () => {
    expect(isStuck(5 * min, [1 * min, 2 * min, 2 * min], 0)).toBe(true); // median 2 → limit 4 min
    expect(isStuck(3.5 * min, [1 * min, 2 * min, 2 * min], 0)).toBe(false); // under 2× median
    expect(isStuck(2.5 * min, [1 * min], 0)).toBe(false); // over 2× median but under the 3-minute floor
  });
  it('falls back to the step estimate, else marks nobody', () => {
    expect(isStuck(11 * min, [], 5)).toBe(true);
    expect(isStuck(9 * min, [], 5)).toBe(false);
    expect(isStuck(60 * min, [], 0)).toBe(false);
  });
  it('median of even and odd lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('histogram', () => {
  it('counts attendees per step and clamps out-of-range steps', () => {
    expect(histogram([1, 1, 2, 3, 9, 0], 3)).toEqual([3, 1, 2]);
  });
});

describe('AdminLive', () => {
  it('replays progress into rows and per-step durations, and queues live help', async () => {
    api.configure({ base: 'http://127.0.0.1:1' });
    const helps: string[] = [];
    const live = new AdminLive({
      codelabId: 'lab',
      apiBase: 'http://127.0.0.1:1',
      token: 't',
      WebSocket: FakeSocket,
      onHelp: (r) => helps.push(r.id),
    });
    await live.start(); // the snapshot fails (nothing listens on port 1): replay alone must do
    expect(FakeSocket.last.url).toBe('ws://127.0.0.1:1/api/admin/ws?token=t&codelab=lab&since=0');
    const ann = { id: 'a1', name: 'Ann' };
    const p = (seq: number, step: number, started: string) => ({
      type: 'progress', seq, attendee: ann, current_step: step, completed_steps: [], step_started_at: started, at: started,
    });
    const help = (seq: number, id: string) => ({
      type: 'help', seq, at: '', request: { id, attendee: ann, step: 2, created_at: `2026-01-01T00:0${seq}:00Z`, position: 1 },
    });
    FakeSocket.last.serve(
      p(1, 1, '2026-01-01T00:00:00Z'),
      p(2, 2, '2026-01-01T00:04:00Z'),
      help(3, 'h-old'),
      p(4, 3, '2026-01-01T00:10:00Z'),
      { type: 'ready', seq: 4, you: { id: 'admin', name: 'Facilitator' }, online: ['a1'] },
      help(5, 'h-new'),
    );
    expect(live.rows.a1.current_step).toBe(3);
    expect(live.rows.a1.online).toBe(true);
    expect(live.passed).toEqual({ 1: [4 * 60_000], 2: [6 * 60_000] });
    expect(live.queue.map((q) => `${q.id}#${q.position}`)).toEqual(['h-old#1', 'h-new#2']);
    expect(helps).toEqual(['h-new']); // replayed history raises no alert
    FakeSocket.last.serve({ type: 'help_resolved', seq: 6, request_id: 'h-old', attendee: ann, by: { id: 'admin', name: 'Facilitator' }, at: '' });
    expect(live.queue.map((q) => `${q.id}#${q.position}`)).toEqual(['h-new#1']);
    const dm = (seq: number, text: string, fromAdmin: boolean) => ({
      type: 'dm', seq, text, at: '',
      from: fromAdmin ? { id: 'admin', name: 'Facilitator' } : ann,
      to: fromAdmin ? ann : { id: 'admin', name: 'Facilitator' },
    });
    FakeSocket.last.serve(dm(7, 'tip', true));
    expect(live.threads.a1.length).toBe(1);
    FakeSocket.last.serve(dm(8, 'thanks', false));
    expect(live.threads.a1.map((e) => e.text)).toEqual(['tip', 'thanks']);
    expect(live.unread.a1).toBe(1);
    live.destroy();
  });
});

describe('AdminLive removal and sessions', () => {
  it('drops a removed attendee (relabelling kept chat) and empties the room on a live session_started', async () => {
    api.configure({ base: 'http://127.0.0.1:1' });
    const live = new AdminLive({ codelabId: 'lab', apiBase: 'http://127.0.0.1:1', token: 't', WebSocket: FakeSocket });
    await live.start();
    const ann = { id: 'a1', name: 'Ann' };
    const bo = { id: 'b1', name: 'Bo' };
    const prog = (seq: number, who: typeof ann) => ({
      type: 'progress', seq, attendee: who, current_step: 1, completed_steps: [], step_started_at: '2026-01-01T00:00:00Z', at: '',
    });
    FakeSocket.last.serve(
      prog(1, ann),
      prog(2, bo),
      { type: 'chat', seq: 3, text: 'hi', from: ann, at: '' },
      { type: 'help', seq: 4, at: '', request: { id: 'h1', attendee: ann, step: 1, created_at: '2026-01-01T00:01:00Z', position: 1 } },
      { type: 'ready', seq: 4, you: { id: 'admin', name: 'Facilitator' }, online: ['a1', 'b1'] },
      { type: 'attendee_removed', seq: 5, attendee: { id: 'a1', name: 'removed attendee' }, chat: 'keep', at: '' },
      { type: 'presence', attendee: ann, online: false },
    );
    expect(Object.keys(live.rows)).toEqual(['b1']);
    expect(live.queue).toEqual([]);
    expect(live.chat.map((c) => c.from.name)).toEqual(['removed attendee']);

    FakeSocket.last.serve(
      { type: 'session_started', seq: 6, session: { id: 's2', title: 'PM', started_at: '' }, at: '' },
      { type: 'presence', attendee: bo, online: false },
    );
    expect(live.rows).toEqual({});
    expect(live.chat).toEqual([]);
    live.destroy();
  });
});

describe('AdminLive pending messages', () => {
  it('matches two identical texts sent quickly to their own pending entries by cid', async () => {
    api.configure({ base: 'http://127.0.0.1:1' });
    const live = new AdminLive({ codelabId: 'lab', apiBase: 'http://127.0.0.1:1', token: 't', WebSocket: FakeSocket });
    await live.start();
    const admin = { id: 'admin', name: 'Facilitator' };
    const ann = { id: 'a1', name: 'Ann' };
    FakeSocket.last.serve({ type: 'ready', seq: 0, you: admin, online: [] });
    live.sendChat('same');
    live.sendChat('same');
    live.sendDm('a1', 'same');
    const [c1, c2, c3] = FakeSocket.last.sent.map((f) => f.cid as string);
    FakeSocket.last.serve({ type: 'chat', seq: 1, text: 'same', from: admin, at: '', cid: c2 });
    expect(live.pendingIn('room').map((p) => p.cid)).toEqual([c1]);
    expect(live.pendingIn('a1').map((p) => p.cid)).toEqual([c3]);
    FakeSocket.last.serve(
      { type: 'chat', seq: 2, text: 'same', from: admin, at: '', cid: c1 },
      { type: 'dm', seq: 3, text: 'same', from: admin, to: ann, at: '', cid: c3 },
    );
    expect(live.pendingIn('room')).toEqual([]);
    expect(live.pendingIn('a1')).toEqual([]);
    expect(live.chat.map((c) => c.seq)).toEqual([1, 2]);
    expect(live.threads.a1.map((d) => d.seq)).toEqual([3]);
    live.destroy();
  });
});
