import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, ApiError } from './api-client';
import { caught } from './testing';

// A real HTTP server on loopback stands in for the Go server's contract.
let server: Server;
let base = '';
let last: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string } = {
  headers: {},
  body: '',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      last = { method: req.method, url: req.url, headers: req.headers, body };
      switch (req.url) {
        case '/api/ok':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ hello: 'world' }));
          return;
        case '/api/gone':
          res.writeHead(204);
          res.end();
          return;
        case '/api/bad':
          res.writeHead(400, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'invalid_field', message: 'title must not be empty' } }));
          return;
        case '/api/html-error':
          res.writeHead(502, { 'Content-Type': 'text/html' });
          res.end('<h1>Bad gateway</h1>');
          return;
        default:
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'not_found', message: 'No such thing.' } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('ApiClient', () => {
  it('prefixes the api base and parses JSON', async () => {
    const c = new ApiClient({ base: base + '/' });
    const got = await c.get<{ hello: string }>('/api/ok');
    expect(got).toEqual({ hello: 'world' });
    expect(last.url).toBe('/api/ok');
  });

  it('sets the bearer token and sends JSON bodies', async () => {
    const c = new ApiClient({ base, token: 'secret-token' });
    await c.post('/api/ok', { title: 'Intro' });
    expect(last.method).toBe('POST');
    expect(last.headers.authorization).toBe('Bearer secret-token');
    expect(last.headers['content-type']).toBe('application/json');
    expect(JSON.parse(last.body)).toEqual({ title: 'Intro' });
  });

  it('sends no Authorization header without a token', async () => {
    const c = new ApiClient({ base });
    await c.get('/api/ok');
    expect(last.headers.authorization).toBeUndefined();
  });

  it('configure changes token and base', async () => {
    const c = new ApiClient({ base: 'http://127.0.0.1:1' });
    c.configure({ base, token: 't2' });
    await c.get('/api/ok');
    expect(last.headers.authorization).toBe('Bearer t2');
  });

  it('returns undefined for 204', async () => {
    const c = new ApiClient({ base });
    expect(await c.delete('/api/gone')).toBeUndefined();
  });

  it('parses error bodies into ApiError', async () => {
    const c = new ApiClient({ base });
    const e = await caught(c.post('/api/bad', {}));
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_field');
    expect(e.message).toBe('title must not be empty');
  });

  it('maps a 404 body to code not_found', async () => {
    const e = await caught(new ApiClient({ base }).get('/api/missing'));
    expect([e.status, e.code]).toEqual([404, 'not_found']);
  });

  it('tolerates non-JSON error bodies', async () => {
    const e = await caught(new ApiClient({ base }).get('/api/html-error'));
    expect([e.status, e.code]).toEqual([502, 'http_502']);
  });

  it('turns a refused connection into network_error', async () => {
    // Listen, learn the port, close: nothing listens there any more.
    const tmp = createServer();
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
    const port = (tmp.address() as AddressInfo).port;
    await new Promise((r) => tmp.close(r));
    const e = await caught(new ApiClient({ base: `http://127.0.0.1:${port}` }).get('/api/ok'));
    expect(e.status).toBe(0);
    expect(e.code).toBe('network_error');
  });
});
