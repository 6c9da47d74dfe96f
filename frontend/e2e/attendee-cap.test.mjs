// attendee-cap.test.mjs: the facilitator sets a codelab's attendee limit in the
// metadata form (by keyboard), the server stores it, and the attendee who would
// go over it is told the codelab is full.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminFetch, startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const outDir = resolve(import.meta.dirname, '..', '..', 'test-output');
mkdirSync(outDir, { recursive: true });

async function api(server, method, path, body) {
  const res = await fetch(new URL(server.adminURL).origin + path, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: got status ${res.status}, want 2xx`);
  return res.json();
}

describe('attendee limit', () => {
  let server;
  let browser;
  let labId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    labId = (await api(server, 'POST', '/api/admin/codelabs', { title: 'Small room', is_public: true })).id;
    await api(server, 'PUT', `/api/admin/codelabs/${labId}/steps`, { steps: [{ title: 'Hello', markdown: 'Hi', duration_minutes: 5 }] });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('is set in the metadata form and refuses the attendee over it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    const page = await ctx.newPage();
    await page.goto(server.adminURL);
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    await page.goto(`${new URL(server.adminURL).origin}/admin/#/codelabs/${labId}`);
    const input = page.locator('input[name="max_attendees"]');
    await input.waitFor();
    assert.equal(await input.inputValue(), '2000', 'the default limit is shown');
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    const status = page.getByTestId('save-status');
    await status.filter({ hasText: 'Saving' }).waitFor();
    await status.filter({ hasText: 'Saved' }).waitFor();
    const saved = await adminFetch(server, `/api/admin/codelabs/${labId}`);
    assert.equal(saved.max_attendees, 1);
    await input.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(outDir, 'attendee-limit-dark.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await input.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(outDir, 'attendee-limit-phone.png') });

    const first = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await first.goto(`${server.attendeeURL}#/codelabs/${labId}`);
    await first.locator('input[name="attendee-name"]').fill('Ada');
    await first.getByRole('button', { name: 'Join', exact: true }).click();
    await first.locator('[data-testid="connection"][data-state="online"]').waitFor();

    const second = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await second.goto(`${server.attendeeURL}#/codelabs/${labId}`);
    await second.locator('input[name="attendee-name"]').fill('Grace');
    await second.getByRole('button', { name: 'Join', exact: true }).click();
    await second.getByText('This codelab is full').waitFor();
    await second.screenshot({ path: resolve(outDir, 'attendee-limit-full.png') });
    const list = await adminFetch(server, `/api/admin/codelabs/${labId}/attendees`);
    assert.deepEqual(list.map((a) => a.name), ['Ada']);
  });
});
