import { describe, expect, it } from 'vitest';
import { HelperLive } from './live-helper.svelte';
import { FakeSocket } from './fake-socket';

const sam = { id: 'h1', name: 'Sam', role: 'helper' as const };
const ann = { id: 'a1', name: 'Ann' };
const request = { id: 'r1', attendee: ann, step: 1, created_at: '2026-01-01T10:00:00Z', position: 1, claimed_by: null };

/** answers fakes the helper endpoints: who am I, the attendees, the queue. */
function fakeFetch(status = 200): typeof fetch {
  const bodies: Record<string, unknown> = {
    '/api/helper/me': { helper: { id: 'h1', codelab_id: 'lab', name: 'Sam', can_announce: false, created_at: '', online: true },
      codelab: { id: 'lab', title: 'Lab', steps: [{ number: 1, title: 'One', duration_minutes: 5 }, { number: 2, title: 'Two', duration_minutes: 5 }] } },
    '/api/helper/attendees': [{ id: 'a1', codelab_id: 'lab', name: 'Ann', current_step: 1, completed_steps: [], step_started_at: '2026-01-01T10:00:00Z', created_at: '2026-01-01T10:00:00Z', online: true }],
    '/api/helper/help': [request],
  };
  return (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    const body = status === 200 ? bodies[path] : { error: { code: 'unauthorized', message: 'no' } };
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
}

async function started() {
  const live = new HelperLive({ token: 't', apiBase: 'http://127.0.0.1:1', WebSocket: FakeSocket, fetch: fakeFetch() });
  await live.start();
  FakeSocket.last.serve({ type: 'ready', seq: 0, you: sam, online: ['a1'] });
  return live;
}

describe('HelperLive', () => {
  it('connects with the helper token and follows claims on the queue', async () => {
    const live = await started();
    expect(FakeSocket.last.url).toContain('/api/helper/ws?token=t&since=0');
    expect(live.queue[0].claimed_by).toBeNull();
    FakeSocket.last.serve({ type: 'help_claimed', seq: 1, request_id: 'r1', attendee: ann, claimed_by: sam, by: sam, at: '' });
    expect(live.queue[0].claimed_by?.name).toBe('Sam');
    FakeSocket.last.serve({ type: 'help_claimed', seq: 2, request_id: 'r1', attendee: ann, claimed_by: null, by: sam, at: '' });
    expect(live.queue[0].claimed_by).toBeNull();
    FakeSocket.last.serve({ type: 'help_resolved', seq: 3, request_id: 'r1', attendee: ann, by: sam, at: '' });
    expect(live.queue).toEqual([]);
  });

  it('keeps DM threads per attendee, shows its own DM once, and counts unread replies', async () => {
    const live = await started();
    live.sendDm('a1', 'coming');
    expect(live.pendingTo('a1').length).toBe(1);
    const cid = live.pendingTo('a1')[0].cid; // the server sends the sender its own event with its cid
    FakeSocket.last.serve({ type: 'dm', seq: 1, text: 'coming', from: sam, to: ann, at: '', cid });
    expect(live.pendingTo('a1')).toEqual([]); // the event stands in for it before the ack
    FakeSocket.last.serve({ type: 'dm', seq: 2, text: 'thanks', from: ann, to: sam, at: '' });
    expect(live.threads.a1.map((d) => d.text)).toEqual(['coming', 'thanks']);
    expect(live.unread.a1).toBe(1);
  });

  it('records how long attendees took on a step (for the stuck marks)', async () => {
    const live = await started();
    FakeSocket.last.serve({ type: 'progress', seq: 1, attendee: ann, current_step: 2, completed_steps: [1],
      step_started_at: '2026-01-01T10:04:00Z', at: '' });
    expect(live.passed[1]).toEqual([4 * 60_000]);
    expect(live.rows.a1.current_step).toBe(2);
  });

  it('ends for good when the facilitator removes the helper (4003)', async () => {
    const live = await started();
    FakeSocket.last.onclose?.({ code: 4003, reason: 'helper access removed by the facilitator' });
    expect(live.ended).toBe('removed');
  });

  it('says the link does not work when the token is refused', async () => {
    const live = new HelperLive({ token: 'gone', apiBase: 'http://127.0.0.1:1', WebSocket: FakeSocket, fetch: fakeFetch(401) });
    await expect(live.start()).rejects.toThrow();
    expect(live.ended).toBe('invalid');
  });
});
