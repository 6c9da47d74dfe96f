// insecure-copy.test.mjs: attendees open the laptop by plain http://IP, which
// is not a secure context, so navigator.clipboard does not exist there. The
// copy buttons must still work. Chromium maps the name classroom.test to
// 127.0.0.1 (no DNS, no traffic off this machine), which gives a real
// non-secure origin on loopback; --allow-host lets the server answer to
// that name (it answers only the names it advertises, against DNS rebinding).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

async function adminSend(server, method, path, body) {
  const base = new URL(server.adminURL).origin;
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: got status ${res.status}, want 2xx`);
  return res.json();
}

describe('copy buttons on a non-secure origin', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ args: ['--allow-host', 'classroom.test'] });
    browser = await launchBrowser(['--host-resolver-rules=MAP classroom.test 127.0.0.1']);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('copies code over plain http with the selection fallback', async () => {
    const lab = await adminSend(server, 'POST', '/api/admin/codelabs', { title: 'Copy test', is_public: true });
    await adminSend(server, 'PUT', `/api/admin/codelabs/${lab.id}/steps`, {
      steps: [{ title: 'Code', markdown: '```sh\necho insecure-copy-works\n```', duration_minutes: 1 }],
    });
    const port = new URL(server.attendeeURL).port;
    const secureOrigin = new URL(server.attendeeURL).origin;
    const ctx = await browser.newContext();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: secureOrigin });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://classroom.test:${port}/#/codelabs/${lab.id}/1`);
    await page.locator('.step-content .code-block .copy-btn').waitFor();
    const env = await page.evaluate(() => ({ secure: window.isSecureContext, clipboard: typeof navigator.clipboard }));
    assert.deepEqual(env, { secure: false, clipboard: 'undefined' }, 'the page must really be a non-secure context');

    await page.locator('.step-content .code-block .copy-btn').click();
    await page.locator('.copy-btn', { hasText: 'Copied!' }).waitFor();

    // Read the browser's clipboard from a secure page of the same server.
    const reader = await ctx.newPage();
    await reader.goto(server.attendeeURL);
    const clip = await reader.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /^echo insecure-copy-works\n?$/);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
