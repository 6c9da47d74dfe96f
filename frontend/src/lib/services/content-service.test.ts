import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, ApiError, errorFromBody, filenameFromDisposition } from './api-client';
import {
  ContentService, contentPaths, desktopPickAndUpload, downloadToDisk, formWith, parseDesktopUpload,
} from './content-service';
import type { AppBindings } from './desktop-bridge';
import { caught } from './testing';

// A real HTTP server on loopback plays the Go server's side of the contract;
// it parses multipart bodies with the platform's own FormData parser.
let server: Server;
let base = '';
let last: { method?: string; url?: string; headers: IncomingHttpHeaders; form?: FormData; json?: unknown } = {
  headers: {},
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const ct = req.headers['content-type'] ?? '';
      last = { method: req.method, url: req.url, headers: req.headers };
      if (ct.startsWith('multipart/form-data')) {
        last.form = await new Response(body, { headers: { 'content-type': ct } }).formData();
      } else if (body.length) {
        last.json = JSON.parse(body.toString());
      }
      const json = (status: number, v: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      switch (req.url) {
        case contentPaths.uploads:
          return json(201, { url: 'uploads/a.png', markdown: '![shot](uploads/a.png)', name: 'a.png', width: 2, height: 1 });
        case contentPaths.import:
          return json(400, { error: { code: 'unknown_format', message: 'This is not an Open Codelabs ZIP or claat markdown.' } });
        case contentPaths.restore:
          res.writeHead(413, { 'Content-Type': 'text/plain' });
          return res.end('too big');
        case contentPaths.export('lab 1', 'opencodelabs'):
          res.writeHead(200, {
            'Content-Type': 'application/zip',
            'Content-Disposition': `attachment; filename="_ber Go.zip"; filename*=UTF-8''%C3%9Cber%20Go.zip`,
          });
          return res.end(Buffer.from('PK\x03\x04zip'));
        case contentPaths.backup:
          res.writeHead(200, { 'Content-Type': 'application/zip' });
          return res.end('PK');
        case contentPaths.materials('lab'):
          return json(201, { id: 'm1', kind: 'link', title: 'Docs', url: 'https://go.dev' });
        default:
          return json(404, { error: { code: 'not_found', message: 'No such thing.' } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const svc = () => new ContentService(new ApiClient({ base, token: 'adm' }));

describe('filenameFromDisposition', () => {
  it.each([
    [`attachment; filename="plain.zip"`, 'plain.zip'],
    [`attachment; filename="_ber.zip"; filename*=UTF-8''%C3%9Cber.zip`, 'Über.zip'],
    [`attachment; filename*=utf-8''caf%C3%A9%20lab.md; filename="caf_ lab.md"`, 'café lab.md'],
    [`attachment; filename=bare.md`, 'bare.md'],
    [`attachment; filename="a \\"quoted\\" name.zip"`, 'a "quoted" name.zip'],
    [`attachment; filename="../../etc/passwd"`, 'passwd'],
    [`attachment; filename*=UTF-8''%E0%A4%A; filename="fallback.zip"`, 'fallback.zip'],
    ['attachment', ''],
    [null, ''],
  ])('filenameFromDisposition(%j) = %j', (header, want) => {
    expect(filenameFromDisposition(header)).toBe(want);
  });
});

describe('errorFromBody', () => {
  it('keeps the server code and message', () => {
    const e = errorFromBody(400, JSON.stringify({ error: { code: 'invalid_backup', message: 'Nothing was changed.' } }));
    expect([e.status, e.code, e.message]).toEqual([400, 'invalid_backup', 'Nothing was changed.']);
  });

  it('maps a bare 413 to body_too_large', () => {
    expect(errorFromBody(413, 'Request Entity Too Large').code).toBe('body_too_large');
  });

  it('tolerates HTML', () => {
    expect(errorFromBody(502, '<h1>bad</h1>').code).toBe('http_502');
  });
});

describe('ContentService', () => {
  it('uploads an image as multipart with the codelab id and the token', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    const got = await svc().uploadImage(png, 'shot.png', 'lab-7');
    expect(got.markdown).toBe('![shot](uploads/a.png)');
    expect(last.method).toBe('POST');
    expect(last.headers.authorization).toBe('Bearer adm');
    expect(last.form?.get('codelab_id')).toBe('lab-7');
    const file = last.form?.get('file') as File;
    expect(file.name).toBe('shot.png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  it('adds a file material with its title', async () => {
    const f = new File(['slides'], 'slides.pdf', { type: 'application/pdf' });
    await svc().addFile('lab', f, 'Slides');
    expect(last.form?.get('title')).toBe('Slides');
    expect((last.form?.get('file') as File).name).toBe('slides.pdf');
  });

  it('adds a link material as JSON', async () => {
    const m = await svc().addLink('lab', 'Docs', 'https://go.dev');
    expect(m.id).toBe('m1');
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.json).toEqual({ title: 'Docs', url: 'https://go.dev' });
  });

  it('turns an import refusal into an ApiError with the server message', async () => {
    const e = await caught(svc().importCodelab(new File(['hello'], 'notes.txt')));
    expect([e.status, e.code, e.message]).toEqual([400, 'unknown_format', 'This is not an Open Codelabs ZIP or claat markdown.']);
  });

  it('maps a non-JSON 413 on restore', async () => {
    const e = await caught(svc().restore(new File(['x'], 'backup.zip')));
    expect([e.status, e.code]).toEqual([413, 'body_too_large']);
  });

  it('names a download from Content-Disposition', async () => {
    const d = await svc().download(contentPaths.export('lab 1', 'opencodelabs'), 'fallback.zip');
    expect(last.url).toBe('/api/admin/codelabs/lab%201/export?format=opencodelabs');
    expect(last.headers.authorization).toBe('Bearer adm');
    expect(d.filename).toBe('Über Go.zip');
    expect(await d.blob.text()).toBe('PK\x03\x04zip');
  });

  it('falls back to the suggested name without Content-Disposition', async () => {
    const d = await svc().download(contentPaths.backup, 'backup.zip');
    expect(d.filename).toBe('backup.zip');
  });

  it('maps a 404 download to not_found', async () => {
    const e = await caught(svc().download('/api/admin/codelabs/nope/export?format=claat', 'x.md'));
    expect([e.status, e.code]).toEqual([404, 'not_found']);
  });

  it('builds absolute material download URLs on the API base', () => {
    const href = svc().materialHref({ download_url: 'api/codelabs/l/materials/m/download' } as never);
    expect(href).toBe(`${base}/api/codelabs/l/materials/m/download`);
  });
});

describe('formWith', () => {
  it('puts fields and the file part in the form', () => {
    const f = formWith(new Blob(['x']), 'a.md', { codelab_id: 'c' });
    expect(f.get('codelab_id')).toBe('c');
    expect((f.get('file') as File).name).toBe('a.md');
  });
});

describe('desktop wrappers', () => {
  function install(app: Partial<AppBindings>) {
    vi.stubGlobal('window', { go: { app: { App: app as AppBindings } } });
  }

  it('saves downloads through SaveDownload instead of fetching', async () => {
    const calls: string[][] = [];
    install({ SaveDownload: async (p: string, n: string) => (calls.push([p, n]), '/home/me/backup.zip') });
    expect(await downloadToDisk(contentPaths.backup, 'backup.zip')).toBe('/home/me/backup.zip');
    expect(calls).toEqual([['/api/admin/backup', 'backup.zip']]);
  });

  it('reports a cancelled Save dialog as empty', async () => {
    install({ SaveDownload: async () => '' });
    expect(await downloadToDisk(contentPaths.backup, 'backup.zip')).toBe('');
  });

  it('parses the uploaded response and passes path, title and patterns', async () => {
    const calls: string[][] = [];
    install({
      UploadFile: async (p: string, t: string, pat: string) => (calls.push([p, t, pat]), JSON.stringify({ id: 'c9', title: 'Imported' })),
    });
    const got = await desktopPickAndUpload<{ id: string }>(contentPaths.import, 'Import a codelab', '*.zip;*.md');
    expect(got?.id).toBe('c9');
    expect(calls).toEqual([['/api/admin/import', 'Import a codelab', '*.zip;*.md']]);
  });

  it('treats a cancelled Open dialog as null', async () => {
    install({ UploadFile: async () => '' });
    expect(await desktopPickAndUpload(contentPaths.import, 'Import', '*.zip')).toBeNull();
  });

  it.each([
    ['a string (older Wails)', 'open file: permission denied'],
    ['an Error (newer Wails)', new Error('open file: permission denied')],
  ])('normalises a rejection with %s', async (_name, reason) => {
    install({ UploadFile: () => Promise.reject(reason) });
    const err = await desktopPickAndUpload(contentPaths.restore, 'Restore', '*.zip').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('open file: permission denied');
  });

  it('turns an error body from Go into an ApiError', () => {
    const body = JSON.stringify({ error: { code: 'invalid_backup', message: 'Not a backup.' } });
    expect(() => parseDesktopUpload(body)).toThrow('Not a backup.');
  });
});
