import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api } from '../../lib/services/api-client';
import { LoopBoard } from './loop-board.svelte';
import type { ServerFrame } from '../../lib/types/live.type';

// The dashboard's loop panels refetch what a live frame touched: a loopback
// server counts the requests, as the Go server would answer them.
let server: Server;
let hits: string[] = [];

const bodies: Record<string, unknown> = {
  '/api/admin/codelabs/c/quiz/stats': { questions: [], attendees: [] },
  '/api/admin/codelabs/c/feedback': { count: 1, averages: { satisfaction: 5, difficulty: 3 }, distribution: { satisfaction: [0, 0, 0, 0, 1], difficulty: [0, 0, 1, 0, 0] }, comments: [] },
  '/api/admin/codelabs/c/feedback?names=1': { count: 1, averages: { satisfaction: 5, difficulty: 3 }, distribution: { satisfaction: [0, 0, 0, 0, 1], difficulty: [0, 0, 1, 0, 0] }, comments: [{ comment: 'hi', satisfaction: 5, difficulty: 3, at: '', attendee: { id: 'a', name: 'Ada' } }] },
  '/api/admin/codelabs/c/submissions': [],
  '/api/admin/codelabs/c/loop': [{ attendee: { id: 'a', name: 'Ada' }, completed_at: 'now', certificate_id: 'x', quiz_passed: true, best_score_percent: 100, feedback: true, submissions: 1 }],
  '/api/admin/codelabs/c/raffle': { draws: [] },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const body = bodies[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: { code: 'not_found', message: 'No.' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.configure({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'ADMIN' });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  hits = [];
});

const ada = { id: 'a', name: 'Ada' };
const quizFrame = (seq: number): ServerFrame => ({
  type: 'quiz_submitted', seq, attendee: ada, attempt_id: `t${seq}`, step: null, score_percent: 50, passed: false, results: [], at: '',
});

describe('LoopBoard', () => {
  it('loads every panel once', async () => {
    const b = new LoopBoard('c');
    await b.load();
    expect(hits.sort()).toEqual(Object.keys(bodies).filter((k) => !k.includes('names')).sort());
    expect(b.completedIds).toEqual(['a']);
    expect(b.error).toBe('');
  });

  it('ignores replayed history and refetches once for a burst of live frames', async () => {
    const b = new LoopBoard('c');
    for (let i = 1; i <= 5; i++) b.apply(quizFrame(i), false);
    for (let i = 6; i <= 10; i++) b.apply(quizFrame(i), true);
    await vi.waitFor(() => expect(hits).toContain('/api/admin/codelabs/c/loop'));
    expect(hits.filter((h) => h.endsWith('/quiz/stats'))).toHaveLength(1);
    expect(hits.filter((h) => h.endsWith('/loop'))).toHaveLength(1);
    expect(hits.some((h) => h.includes('feedback') || h.includes('raffle'))).toBe(false);
  });

  it('refetches the panel each kind of frame touches', async () => {
    const b = new LoopBoard('c');
    b.apply({ type: 'feedback', seq: 1, attendee: ada, satisfaction: 5, difficulty: 3, has_comment: true, updated: false, at: '' }, true);
    b.apply({ type: 'submission', seq: 2, attendee: ada, action: 'added', submission: { id: 's' }, at: '' }, true);
    b.apply({ type: 'raffle', seq: 3, draw_id: 'd', winner: ada, among: 'completed', at: '' }, true);
    await vi.waitFor(() => expect(hits).toHaveLength(4));
    expect(hits.sort()).toEqual([
      '/api/admin/codelabs/c/feedback',
      '/api/admin/codelabs/c/loop',
      '/api/admin/codelabs/c/raffle',
      '/api/admin/codelabs/c/submissions',
    ]);
  });

  it('asks for names only when the facilitator does', async () => {
    const b = new LoopBoard('c');
    await b.setNames(true);
    expect(hits).toEqual(['/api/admin/codelabs/c/feedback?names=1']);
    expect(b.feedback?.comments[0].attendee?.name).toBe('Ada');
  });
});
