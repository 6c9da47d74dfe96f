import { describe, expect, it } from 'vitest';
import { AttendeeLive } from './live-attendee.svelte';
import { api } from '../services/api-client';
import { FakeSocket } from './fake-socket';

describe('AttendeeLive codelab_closed', () => {
  it('reports the facilitator closing the codelab with the reason', () => {
    api.configure({ base: 'http://127.0.0.1:1' });
    const closed: string[] = [];
    const live = new AttendeeLive({
      codelabId: 'lab',
      session: { token: 't', id: 'a1', name: 'Ann', continue_code: 'ABC234' },
      WebSocket: FakeSocket,
      onClosed: (reason) => closed.push(reason),
    });
    live.start();
    FakeSocket.last.onmessage?.({ data: JSON.stringify({ type: 'codelab_closed', codelab_id: 'lab', reason: 'hidden' }) });
    expect(closed).toEqual(['hidden']);
    live.destroy();
  });
});
