// join.test.mjs: the facilitator's join screen against the real server on
// loopback (--no-mdns): QR, the printed URL, the "can't reach" warning,
// /admin/join, one codelab's access code, projector mode, and the attendee
// landing page naming the workshop.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminFetch } from './server.mjs';
import { useRoom } from './room.mjs';

const outDir = resolve(import.meta.dirname, 'output');
const docsShot = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshot-join.png');
mkdirSync(outDir, { recursive: true });

/** createCodelab makes a codelab with an access code through the admin API. */
async function createCodelab(server, body) {
  const res = await fetch(new URL(server.adminURL).origin + '/api/admin/codelabs', {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, `POST /api/admin/codelabs: got status ${res.status}, want 201`);
  return res.json();
}

/** qrBox checks the QR <img> decoded and is drawn large; it returns its box. */
async function qrBox(page) {
  const qr = page.getByTestId('join-qr');
  await qr.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="join-qr"]');
    return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
  });
  const box = await qr.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, `QR box: got ${JSON.stringify(box)}, want > 100x100`);
  return box;
}

describe('the classroom join screen', () => {
  const room = useRoom();
  let server;
  let ctx;
  let lab;

  before(async () => {
    server = room.server;
    ctx = await room.browser.newContext({ viewport: { width: 1440, height: 900 } });
    lab = await createCodelab(server, { title: 'Go for beginners', access_code: 'GOPHER42', is_public: true });
  });

  it('the admin home warns that attendees cannot reach a loopback-only laptop', async () => {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.adminURL);
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    const warning = page.getByTestId('reachability-warning');
    await warning.waitFor();
    assert.match(await warning.innerText(), /Attendees can't reach this laptop:/);
    assert.equal(await warning.isVisible(), true);

    await page.locator('header.bar').getByRole('link', { name: 'Join screen', exact: true }).click();
    assert.equal(new URL(page.url()).hash, '#/join');
    await qrBox(page);
    assert.equal(await page.getByTestId('join-url').innerText(), server.attendeeURL);
    assert.equal(await page.getByTestId('join-name').innerText(), 'codelabs');
    assert.match(await page.getByTestId('reachability-warning').innerText(), /Attendees can't reach this laptop/);
    assert.equal(await page.getByTestId('join-access-code').count(), 0);

    const info = await adminFetch(server, '/api/admin/join-info');
    assert.deepEqual([info.has_lan, info.qr_url], [false, server.attendeeURL]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('projector mode fills the screen and Esc leaves it', async () => {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(new URL('/admin/#/join', server.adminURL).href);
    await qrBox(page);
    await page.getByRole('button', { name: 'Full screen' }).click();
    const screen = page.locator('[data-testid="join-screen"].projector');
    await screen.waitFor();
    const box = await screen.boundingBox();
    assert.deepEqual([box.width, box.height], [1920, 1080]);
    const qr = await qrBox(page);
    assert.ok(qr.height >= 0.5 * 1080, `QR height in projector mode: got ${qr.height}, want >= 540`);
    await page.screenshot({ path: resolve(outDir, 'join-projector.png') });
    // Tests never rewrite tracked files; refresh the README's picture on request.
    if (process.env.OCL_UPDATE_DOCS === '1') copyFileSync(resolve(outDir, 'join-projector.png'), docsShot);

    // The laptop may change networks: the open screen re-reads join-info (every ~10 s).
    await page.waitForRequest((r) => r.url().includes('/api/admin/join-info'), { timeout: 25_000 });

    await page.keyboard.press('Escape');
    await page.locator('[data-testid="join-screen"]:not(.projector)').waitFor();
    assert.equal(await page.evaluate(() => document.fullscreenElement), null);
    await page.close();
  });

  it('the plain path /admin/join opens the join screen', async () => {
    const page = await ctx.newPage();
    await page.goto(new URL('/admin/join', server.adminURL).href);
    await qrBox(page);
    const url = new URL(page.url());
    assert.deepEqual([url.pathname, url.hash], ['/admin/', '#/join']);
    assert.equal(await page.getByTestId('join-url').innerText(), server.attendeeURL);
    await page.close();
  });

  it('#/join/{id}, reached from the editor, shows the codelab and its access code', async () => {
    const page = await ctx.newPage();
    await page.goto(new URL(`/admin/#/codelabs/${lab.id}`, server.adminURL).href);
    await page.locator('.toolbar').getByRole('link', { name: 'Join screen' }).click();
    assert.equal(new URL(page.url()).hash, `#/join/${lab.id}`);
    await qrBox(page);
    assert.equal(await page.getByTestId('join-access-code').innerText(), 'GOPHER42');
    assert.equal(await page.getByTestId('join-codelab').innerText(), 'Go for beginners');
    assert.match(await page.getByTestId('join-url').innerText(), new RegExp(`^${server.attendeeURL}c/[A-Z2-9]{4}$`));
    await page.screenshot({ path: resolve(outDir, 'join-codelab.png') });

    await page.goto(new URL('/admin/#/join/no-such-codelab', server.adminURL).href);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await page.close();
  });

  it('the attendee landing page names the workshop', async () => {
    const attendee = await room.browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await attendee.newPage();
    await page.goto(server.attendeeURL);
    const banner = page.getByTestId('workshop-name');
    await banner.waitFor();
    assert.equal(await banner.innerText(), "You're connected to codelabs");
    await page.getByRole('link', { name: /Go for beginners/ }).waitFor();
    await attendee.close();
  });
});
