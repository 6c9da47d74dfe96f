import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, ApiClient, ApiError } from './api-client';
import { quizService, togglePick, toAnswers, unanswered, partFor, lastAttempt } from './quiz-service';
import { commentLength, feedbackProblem, feedbackService } from './feedback-service';
import { fileProblem, limitsOf, linkProblem, mb, submissionService, usedBytes } from './submission-service';
import { certificateService, missingFrom, verifyPathRedirect } from './certificate-service';
import { verifyQr } from './certificate-qr';
import { raffleService } from './raffle-service';
import type { AttendeeQuiz, Question } from '../types/quiz.type';
import { useCatalogue } from '../testing/catalogue';

useCatalogue('en'); // assertions read the English catalogue

// A real HTTP server on loopback answers like docs/api.md ("Workshop loop") says the Go server does.
let server: Server;
let seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const replies = new Map<string, { status: number; body: unknown }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const r = replies.get(`${req.method} ${req.url}`) ?? { status: 404, body: { error: { code: 'not_found', message: 'No.' } } };
      if (r.status === 204) {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(r.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.configure({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'ADMIN' });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  seen = [];
  replies.clear();
});

const single: Question = { id: 'q1', prompt: '2+2?', kind: 'single', options: ['3', '4'], step: null };
const multi: Question = { id: 'q2', prompt: 'Primes?', kind: 'multi', options: ['2', '3', '4'], step: 2 };
const text: Question = { id: 'q3', prompt: 'Capital?', kind: 'text', options: [], step: null };

describe('quiz service', () => {
  it('builds one answer per question of the part, choices sorted, text as typed', () => {
    let p = togglePick(multi, undefined, 2);
    p = togglePick(multi, p, 0);
    expect(p).toEqual([0, 2]);
    expect(togglePick(multi, p, 2)).toEqual([0]);
    expect(togglePick(single, [0], 1)).toEqual([1]);
    const picks = { q1: [1], q3: ' paris ' };
    expect(toAnswers([single, text], picks)).toEqual([
      { question_id: 'q1', choices: [1] },
      { question_id: 'q3', text: ' paris ' },
    ]);
    expect(unanswered([single, multi, text], { q1: [1], q3: '  ' })).toBe(2);
  });

  it('posts an attempt with the attendee token and the part, and returns the server grade', async () => {
    replies.set('POST /api/codelabs/lab%201/quiz/attempts', {
      status: 201,
      body: { id: 'a1', step: 2, score_percent: 0, passed: false, at: 'now', results: [{ question_id: 'q2', correct: false }], reveal: false },
    });
    const res = await quizService.attempt('TOKEN-A', 'lab 1', [{ question_id: 'q2', choices: [0] }], 2);
    expect(res.passed).toBe(false);
    expect(seen[0].headers.authorization).toBe('Bearer TOKEN-A');
    expect(JSON.parse(seen[0].body)).toEqual({ step: 2, answers: [{ question_id: 'q2', choices: [0] }] });
  });

  it('turns a refused retry into an ApiError with its code', async () => {
    replies.set('POST /api/codelabs/x/quiz/attempts', { status: 409, body: { error: { code: 'no_retries', message: 'One attempt only.' } } });
    await expect(quizService.attempt('T', 'x', [], null)).rejects.toMatchObject({ status: 409, code: 'no_retries' });
  });

  it('finds a part and its last attempt, final quiz as step null', () => {
    const quiz: AttendeeQuiz = {
      pass_percent: 80,
      retries: true,
      questions: [single, multi],
      parts: [
        { step: null, questions: 1, attempts: 2, best_score_percent: 100, passed: true, can_attempt: true },
        { step: 2, questions: 1, attempts: 0, best_score_percent: null, passed: false, can_attempt: true },
      ],
      attempts: [
        { id: 'a1', step: null, score_percent: 0, passed: false, at: '1', results: [], reveal: false },
        { id: 'a2', step: null, score_percent: 100, passed: true, at: '2', results: [], reveal: true },
      ],
    };
    expect(partFor(quiz, null)?.passed).toBe(true);
    expect(partFor(quiz, 2)?.attempts).toBe(0);
    expect(lastAttempt(quiz, null)?.id).toBe('a2');
    expect(lastAttempt(quiz, 2)).toBeUndefined();
  });
});

describe('feedback service', () => {
  it('checks the scales and the comment length as the server counts it', () => {
    expect(feedbackProblem({ satisfaction: 0, difficulty: 3, comment: '' })).toMatch(/satisfied/);
    expect(feedbackProblem({ satisfaction: 5, difficulty: 6, comment: '' })).toMatch(/difficult/);
    expect(feedbackProblem({ satisfaction: 5, difficulty: 3, comment: '가'.repeat(2000) })).toBe('');
    expect(feedbackProblem({ satisfaction: 5, difficulty: 3, comment: '😀'.repeat(2001) })).toMatch(/2000/);
    expect(commentLength('  ab  ')).toBe(2);
  });

  it('reads the own feedback (null before the first) and asks for names only when told', async () => {
    replies.set('GET /api/codelabs/c/feedback', { status: 200, body: { feedback: null } });
    expect(await feedbackService.mine('T', 'c')).toBeNull();
    replies.set('GET /api/admin/codelabs/c/feedback', { status: 200, body: { count: 0 } });
    replies.set('GET /api/admin/codelabs/c/feedback?names=1', { status: 200, body: { count: 1 } });
    expect((await feedbackService.summary('c')).count).toBe(0);
    expect((await feedbackService.summary('c', true)).count).toBe(1);
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer ADMIN');
  });
});

describe('submission service', () => {
  it('accepts only http(s) links and files within the limits', () => {
    expect(linkProblem('https://example.com/x')).toBe('');
    expect(linkProblem('javascript:alert(1)')).toMatch(/http/);
    expect(linkProblem('example.com')).toMatch(/full address/);
    const limits = limitsOf({ submission_max_file_bytes: 2 << 20 });
    expect(limits).toEqual({ max_file_bytes: 2 << 20, max_total_bytes: 30 << 20 });
    expect(fileProblem(3 << 20, limits, 0)).toMatch(/larger than 2 MB/);
    expect(fileProblem(2 << 20, limits, 29 << 20)).toMatch(/30 MB in total/);
    expect(fileProblem(1 << 20, limits, 0)).toBe('');
    expect(mb(1.5 * (1 << 20))).toBe('1.5 MB');
    expect(usedBytes([{ id: 'a', kind: 'file', title: '', size: 5, created_at: '' }, { id: 'b', kind: 'link', title: '', created_at: '' }])).toBe(5);
  });

  it('gives admin thumbnails the token in the query (an <img> sends no header)', () => {
    const c = new ApiClient({ base: 'http://h:1', token: 'a b' });
    expect(submissionService.thumbnailSrc({ id: 's', kind: 'file', title: '', created_at: '', thumbnail_url: '/api/admin/codelabs/c/submissions/s/thumbnail' }, c)).toBe(
      'http://h:1/api/admin/codelabs/c/submissions/s/thumbnail?token=a%20b',
    );
    expect(submissionService.thumbnailSrc({ id: 's', kind: 'link', title: '', created_at: '' }, c)).toBe('');
  });

  it('sends a link as JSON and deletes with the owner token', async () => {
    replies.set('POST /api/codelabs/c/submissions', { status: 201, body: { id: 's1', kind: 'link', title: 'repo', url: 'https://x.y', created_at: '' } });
    replies.set('DELETE /api/codelabs/c/submissions/s1', { status: 204, body: null });
    const s = await submissionService.addLink('OWNER', 'c', 'https://x.y', 'repo');
    expect(s.id).toBe('s1');
    expect(JSON.parse(seen[0].body)).toEqual({ url: 'https://x.y', title: 'repo' });
    await submissionService.remove('OWNER', 'c', 's1');
    expect(seen[1]).toMatchObject({ method: 'DELETE', url: '/api/codelabs/c/submissions/s1' });
    expect(seen[1].headers.authorization).toBe('Bearer OWNER');
  });
});

describe('api client upload', () => {
  /** FakeXhr plays the part of XMLHttpRequest: it reports progress, then answers. */
  function fakeXhr(status: number, body: string, sent: { url?: string; headers: Record<string, string> }) {
    return () => {
      const x = {
        status: 0,
        responseText: '',
        upload: { onprogress: null as null | ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) },
        onload: null as null | (() => void),
        onerror: null as null | (() => void),
        open: (_m: string, url: string) => (sent.url = url),
        setRequestHeader: (k: string, v: string) => (sent.headers[k] = v),
        send: () => {
          x.upload.onprogress?.({ loaded: 50, total: 100, lengthComputable: true });
          x.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
          x.status = status;
          x.responseText = body;
          x.onload?.();
        },
      };
      return x as unknown as XMLHttpRequest;
    };
  }

  it('reports progress and parses the created submission', async () => {
    const sent: { url?: string; headers: Record<string, string> } = { headers: {} };
    const c = new ApiClient({ base: 'http://h', token: 'T', xhr: fakeXhr(201, '{"id":"s9"}', sent) });
    const steps: number[] = [];
    const r = await c.upload<{ id: string }>('/api/codelabs/c/submissions', new FormData(), (a, b) => steps.push(a / b));
    expect(r.id).toBe('s9');
    expect(steps).toEqual([0.5, 1]);
    expect(sent.url).toBe('http://h/api/codelabs/c/submissions');
    expect(sent.headers.Authorization).toBe('Bearer T');
  });

  it('turns a refused upload into the server error', async () => {
    const c = new ApiClient({
      xhr: fakeXhr(413, '{"error":{"code":"submission_too_large","message":"Over 10 MB."}}', { headers: {} }),
    });
    const e = await c.upload('/x', new FormData()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 413, code: 'submission_too_large', message: 'Over 10 MB.' });
  });
});

describe('certificate service', () => {
  it('returns the certificate when the server completes the attendee', async () => {
    replies.set('POST /api/me/complete', { status: 200, body: { certificate: { id: 'cert1' } } });
    const out = await certificateService.complete('TOKEN');
    expect(out).toEqual({ ok: true, certificate: { id: 'cert1' } });
    expect(seen[0].headers.authorization).toBe('Bearer TOKEN');
  });

  it('turns requirements_not_met into the missing list, keeping only known rules', async () => {
    replies.set('POST /api/me/complete', {
      status: 409,
      body: { error: { code: 'requirements_not_met', message: 'Not yet.', missing: ['quiz', 'feedback', 'bogus'] } },
    });
    expect(await certificateService.complete('TOKEN')).toEqual({ ok: false, missing: ['quiz', 'feedback'], message: 'Not yet.' });
    expect(missingFrom(undefined)).toEqual([]);
  });

  it('lets any other refusal through as an error', async () => {
    replies.set('POST /api/me/complete', { status: 409, body: { error: { code: 'codelab_closed', message: 'Closed.' } } });
    await expect(certificateService.complete('T')).rejects.toMatchObject({ code: 'codelab_closed' });
  });

  it('verifies a trimmed token publicly', async () => {
    replies.set('POST /api/certificates/verify', { status: 200, body: { valid: false, reason: 'bad_signature', certificate: null } });
    const r = await certificateService.verify('  abc.def \n');
    expect(r.reason).toBe('bad_signature');
    expect(JSON.parse(seen[0].body)).toEqual({ token: 'abc.def' });
  });

  it('draws the QR code of the verify URL as an SVG image source', () => {
    const src = verifyQr('http://codelabs.local/verify#token=abc.def');
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(src)).toContain('<svg');
    expect(verifyQr('')).toBe('');
  });

  it('maps the QR code address /verify#token=T to the hash route', () => {
    expect(verifyPathRedirect('/verify', '#token=abc.def')).toBe('/#/verify/abc.def');
    expect(verifyPathRedirect('/verify/', '')).toBe('/#/verify');
    expect(verifyPathRedirect('/', '#/codelabs/x')).toBeNull();
    expect(certificateService.pdfHref('c1', '/api/certificates/c1/pdf')).toBe(`${api.base}/api/certificates/c1/pdf?lang=en`); // printed in the showing language
  });
});

describe('raffle service', () => {
  it('draws with the admin token and lists earlier draws', async () => {
    replies.set('POST /api/admin/codelabs/c/raffle', { status: 201, body: { id: 'd1', winner: { id: 'a', name: 'Ada' }, at: 'now', among: 'present' } });
    replies.set('GET /api/admin/codelabs/c/raffle', { status: 200, body: { draws: [{ id: 'd1' }] } });
    const d = await raffleService.draw('c', { among: 'present', exclude_previous: false });
    expect(d.winner.name).toBe('Ada');
    expect(JSON.parse(seen[0].body)).toEqual({ among: 'present', exclude_previous: false });
    expect(seen[0].headers.authorization).toBe('Bearer ADMIN');
    expect(await raffleService.history('c')).toEqual([{ id: 'd1' }]);
  });

  it('passes nobody_eligible on as an ApiError', async () => {
    replies.set('POST /api/admin/codelabs/c/raffle', { status: 409, body: { error: { code: 'nobody_eligible', message: 'Nobody.' } } });
    await expect(raffleService.draw('c', { among: 'completed', exclude_previous: true })).rejects.toMatchObject({ code: 'nobody_eligible' });
  });
});
