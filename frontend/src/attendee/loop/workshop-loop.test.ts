import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api } from '../../lib/services/api-client';
import { WorkshopLoop, firstMissingStep } from './workshop-loop.svelte';

// The attendee's loop state against a loopback server that answers as docs/api.md says.
let server: Server;
let hits: { url: string; headers: IncomingHttpHeaders }[] = [];
let complete: { status: number; body: unknown } = { status: 200, body: {} };

const requirements = { completed: false, missing: ['quiz', 'feedback'], requires: { steps: true, quiz: true, feedback: true, submission: false }, certificate_id: null };

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ url: `${req.method} ${req.url}`, headers: req.headers });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (`${req.method} ${req.url}`) {
      case 'GET /api/codelabs/c/quiz':
        return send(200, { pass_percent: 80, retries: true, questions: [{ id: 'q1', prompt: 'p', kind: 'single', options: ['a', 'b'], step: null }], parts: [], attempts: [] });
      case 'GET /api/codelabs/c/feedback':
        return send(200, { feedback: null });
      case 'GET /api/codelabs/c/submissions':
        return send(200, []);
      case 'GET /api/me/requirements':
        return send(200, requirements);
      case 'POST /api/me/complete':
        return send(complete.status, complete.body);
      default:
        return send(404, { error: { code: 'not_found', message: 'No.' } });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.configure({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  hits = [];
});

describe('WorkshopLoop', () => {
  it('loads the quiz, feedback, hand-ins and rules with the attendee token', async () => {
    const l = new WorkshopLoop('c');
    await l.start('TOK', 'me');
    expect(l.questions(null).map((q) => q.id)).toEqual(['q1']);
    expect(l.missing).toEqual(['quiz', 'feedback']);
    expect(hits.every((h) => h.headers.authorization === 'Bearer TOK')).toBe(true);
    expect(l.completed).toBe(false);
  });

  it('follows only its own frames', async () => {
    const l = new WorkshopLoop('c');
    await l.start('TOK', 'me');
    hits = [];
    l.apply({ type: 'feedback', seq: 1, attendee: { id: 'someone-else', name: 'B' }, satisfaction: 1, difficulty: 1, has_comment: false, updated: false, at: '' });
    l.apply({ type: 'progress', seq: 2, attendee: { id: 'me', name: 'A' }, current_step: 3, completed_steps: [1, 2], step_started_at: '', at: '' });
    l.apply({ type: 'completed', seq: 3, attendee: { id: 'me', name: 'A' }, certificate_id: 'cert-9', completed_at: '', at: '' });
    expect(l.currentStep).toBe(3);
    expect(l.completedSteps).toEqual([1, 2]);
    expect(l.certificateId).toBe('cert-9');
    await vi.waitFor(() => expect(hits.map((h) => h.url)).toEqual(['GET /api/me/requirements']));
    hits = [];
    l.apply({ type: 'codelab_updated', seq: 4, codelab_id: 'c', at: '' });
    await vi.waitFor(() => expect(hits.map((h) => h.url).sort()).toEqual(['GET /api/codelabs/c/quiz', 'GET /api/me/requirements']));
  });

  it('finish returns the missing rules on 409 and the certificate on 200', async () => {
    const l = new WorkshopLoop('c');
    await l.start('TOK', 'me');
    complete = { status: 409, body: { error: { code: 'requirements_not_met', message: 'Missing quiz.', missing: ['quiz'] } } };
    expect(await l.finish()).toEqual({ missing: ['quiz'], message: 'Missing quiz.' });
    expect(l.missing).toEqual(['quiz']);
    complete = { status: 200, body: { certificate: { id: 'cert-1' } } };
    expect(await l.finish()).toEqual({ certificateId: 'cert-1' });
    expect(l.completed).toBe(true);
  });
});

describe('finish checklist', () => {
  it('points the checklist at the first step neither visited nor open', () => {
    expect(firstMissingStep(3, [1], 3)).toBe(2);
    expect(firstMissingStep(3, [1, 2], 3)).toBe(0);
    expect(firstMissingStep(2, [], 0)).toBe(1);
  });
});
