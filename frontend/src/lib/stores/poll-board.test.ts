import { describe, expect, it } from 'vitest';
import { PollBoard, percent } from './poll-board.svelte';
import type { Poll, PollView } from '../types/poll.type';

const poll = (over: Partial<Poll> = {}): Poll => ({
  id: 'p1', codelab_id: 'c', question: 'Editor?', options: ['Vim', 'Emacs', 'Code'],
  status: 'open', results_shown: false, started_at: '2026-01-01T10:00:00Z', ...over,
});

describe('PollBoard', () => {
  it('facilitator: a started poll gets zero counts, then the server counts', () => {
    const b = new PollBoard({ load: async () => [] });
    b.apply({ type: 'poll', seq: 1, action: 'started', poll: poll(), at: '' });
    expect(b.open?.results).toEqual({ counts: [0, 0, 0], total: 0 });
    b.apply({ type: 'poll_results', poll_id: 'p1', results: { counts: [1, 0, 2], total: 3 } });
    expect(b.current?.results?.counts).toEqual([1, 0, 2]);
    // A close frame without results keeps the facilitator's counts.
    b.apply({ type: 'poll', seq: 2, action: 'closed', poll: poll({ status: 'closed' }), at: '' });
    expect(b.open).toBeUndefined();
    expect(b.polls[0].results?.total).toBe(3);
    expect(b.current).toBeUndefined();
    b.apply({ type: 'poll', seq: 3, action: 'results_shown', poll: poll({ status: 'closed', results_shown: true }), results: { counts: [1, 0, 2], total: 3 }, at: '' });
    expect(b.current?.id).toBe('p1');
  });

  it('attendee: no results until shown, own answer from their frames only', () => {
    const b = new PollBoard({ load: async () => [], me: 'ann' });
    b.apply({ type: 'poll', seq: 1, action: 'started', poll: poll(), at: '' });
    expect(b.latest?.results).toBeUndefined();
    b.apply({ type: 'poll_answer', seq: 2, poll_id: 'p1', attendee: { id: 'bob', name: 'Bob' }, option: 0, previous: null, at: '' });
    expect(b.latest?.my_answer).toBeUndefined();
    b.apply({ type: 'poll_answer', seq: 3, poll_id: 'p1', attendee: { id: 'ann', name: 'Ann' }, option: 2, previous: null, at: '' });
    expect(b.latest?.my_answer).toBe(2);
    b.apply({ type: 'poll', seq: 4, action: 'results_hidden', poll: poll({ status: 'closed' }), at: '' });
    expect(b.latest?.my_answer).toBe(2);
    expect(b.latest?.results).toBeUndefined();
  });

  it('reloads the snapshot when the socket is ready', async () => {
    const snap: PollView[] = [{ ...poll(), my_answer: 1 }];
    const b = new PollBoard({ load: async () => snap, me: 'ann' });
    b.apply({ type: 'ready' });
    await Promise.resolve();
    await Promise.resolve();
    expect(b.loaded).toBe(true);
    expect(b.open?.my_answer).toBe(1);
  });

  it('percent rounds and survives zero answers', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});
