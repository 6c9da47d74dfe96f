// import-gdoc.test.mjs: issue #15 in a real browser — a Google Doc written
// to claat's conventions, exported as "Web page (.html, zipped)", imports
// through the admin UI; its steps show code, a terminal, info boxes, a
// button and a poll to attendees, in light and dark mode and at phone width.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { adminFetch } from './server.mjs';
import { shot, useRoom } from './room.mjs';

const exportDir = resolve(import.meta.dirname, '..', '..', 'backend', 'importer', 'testdata', 'gdoc_export');

/** zipStored packs files ({name: Buffer}) into a ZIP without compression. */
function zipStored(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function filesUnder(dir) {
  const out = {};
  for (const name of readdirSync(dir, { recursive: true })) {
    const p = join(dir, name);
    if (statSync(p).isFile()) out[relative(dir, p).split('\\').join('/')] = readFileSync(p);
  }
  return out;
}

describe('Google Docs import', () => {
  const room = useRoom();
  let page;
  let id = '';
  const errors = room.pageErrors;

  before(async () => {
    page = await room.adminPage('', { viewport: { width: 1280, height: 900 } });
  });

  it('imports a Doc exported as a zipped web page through the admin UI', async () => {
    await page.locator('input[name="import-file"]').setInputFiles({
      name: 'BuildaGoWebServer.zip',
      mimeType: 'application/zip',
      buffer: zipStored(filesUnder(exportDir)),
    });
    await page.waitForURL((u) => /#\/codelabs\/[^/]+$/.test(u.hash));
    id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    await page.locator('.toast', { hasText: 'Imported “Build a Go Web Server” (3 steps)' }).waitFor();
    const labels = await page.locator('aside ol li .label').allTextContents();
    assert.deepEqual(labels, ['Overview', 'Write the server', 'Survey']);

    const stored = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(id)}`);
    assert.equal(stored.steps[1].duration_minutes, 5);
    assert.match(stored.steps[0].markdown, /!\[Architecture\]\(uploads\/[a-z2-7]{32}\.png\)/);
    assert.match(stored.steps[1].markdown, /\[Download Go\]\(https:\/\/go\.dev\/dl\/ "button"\)/);
  });

  it('shows the step with its code, terminal, boxes and button to attendees', async () => {
    const res = await fetch(`${room.origin}/api/admin/codelabs/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${room.server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ is_public: true }),
    });
    assert.equal(res.status, 200, 'publishing the imported codelab');
    for (const [name, opts] of [
      ['light', { viewport: { width: 1280, height: 1000 }, colorScheme: 'light' }],
      ['dark', { viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' }],
      ['phone', { viewport: { width: 390, height: 1400 }, colorScheme: 'light' }],
    ]) {
      const ctx = await room.browser.newContext(opts);
      const ap = await ctx.newPage();
      ap.on('pageerror', (e) => errors.push(e.message));
      await ap.goto(`${room.server.attendeeURL}#/codelabs/${encodeURIComponent(id)}/2`);
      const step = ap.locator('article');
      await step.getByRole('heading', { name: '2. Write the server' }).waitFor();
      assert.match(await step.locator('.code-block:not(.terminal)').textContent(), /http\.ListenAndServe\(":8080", nil\)/);
      assert.match(await step.locator('.code-block.terminal').textContent(), /\$ go run \./);
      assert.match(await step.locator('aside.callout.positive').textContent(), /Keep the terminal open/);
      assert.match(await step.locator('aside.callout.negative').first().textContent(), /Do not expose port 8080/);
      const button = step.locator('a.button-link');
      assert.equal(await button.textContent(), 'Download Go');
      assert.equal(await button.getAttribute('href'), 'https://go.dev/dl/');
      assert.equal(await button.locator('span.button-icon').count(), 1);
      await ap.getByRole('link', { name: 'Report a mistake' }).waitFor();
      await ap.screenshot({ path: shot(`import-gdoc-step-${name}.png`), fullPage: name === 'phone' });
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  it('switches the claat environment of an import in the editor', async () => {
    const md = 'id: envs\nenvironments: web, kiosk\n\n# Two Rooms\n\n## Everyone\nHello\n\n## At home\nEnvironment: web\nUse your laptop.\n\n## At the kiosk\nEnvironment: kiosk\nAsk for a badge.\n';
    await room.openAdmin(page);
    await page.locator('input[name="import-file"]').setInputFiles({ name: 'envs.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
    await page.waitForURL((u) => /#\/codelabs\/[^/]+$/.test(u.hash) && !u.hash.endsWith(encodeURIComponent(id)));
    const envId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    await page.locator('li.hidden-step', { hasText: 'At the kiosk' }).waitFor();
    const picker = page.getByLabel('Attendees get the steps for');
    assert.equal(await picker.inputValue(), 'web');
    await picker.selectOption('kiosk');
    await page.locator('li.hidden-step', { hasText: 'At home' }).waitFor();
    await page.screenshot({ path: shot('import-environment-picker.png') });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('save-status').filter({ hasText: /^(Saved|All changes saved)$/ }).waitFor();
    const stored = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(envId)}`);
    assert.deepEqual(stored.steps.map((s) => !!s.hidden), [false, true, false]);
    assert.deepEqual(stored.steps[2].environments, ['kiosk']);
    assert.deepEqual(errors, []);
  });
});
