// content.test.mjs: content portability in a real browser against the real
// server — export a codelab as an Open Codelabs ZIP and import it again,
// paste and drop images into a step, and share a link material with attendees.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminFetch } from './server.mjs';
import { useRoom } from './room.mjs';
import { adminCall } from './api-helpers.mjs';

const outDir = resolve(import.meta.dirname, 'output');
mkdirSync(outDir, { recursive: true });

const STEPS = [
  { title: 'Set up the project', markdown: 'Create a folder and run `go mod init`.', duration_minutes: 5 },
  { title: 'Serve a page', markdown: '## Handler\n\nWrite `http.HandleFunc`.', duration_minutes: 10 },
];
const UPLOAD_MD = /!\[[^\]]*\]\(uploads\/[a-z2-7]{32}\.png\)/g;

/** fireImage dispatches a synthetic paste or drop of a canvas-drawn PNG on the step textarea. */
function fireImage(page, kind, name) {
  return page.evaluate(
    async ({ kind, name }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 40;
      canvas.height = 24;
      const g = canvas.getContext('2d');
      g.fillStyle = kind === 'paste' ? '#1a73e8' : '#188038';
      g.fillRect(0, 0, 40, 24);
      const blob = await new Promise((r) => canvas.toBlob(r, 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], name, { type: 'image/png' }));
      const ta = document.querySelector('textarea[name="step-markdown"]');
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
      const init = { bubbles: true, cancelable: true };
      const ev =
        kind === 'paste'
          ? new ClipboardEvent('paste', { ...init, clipboardData: dt })
          : new DragEvent('drop', { ...init, dataTransfer: dt });
      ta.dispatchEvent(ev);
      return ev.defaultPrevented;
    },
    { kind, name },
  );
}

describe('content portability', () => {
  const room = useRoom();
  let page;
  let codelabId = '';
  let importedId = '';
  const errors = room.pageErrors;
  const tmp = mkdtempSync(join(tmpdir(), 'ocl-content-'));

  before(async () => {
    const c = await adminCall(room.server, 'POST', '/api/admin/codelabs', {
      title: 'Portable Go',
      description: 'Travels between laptops.',
      is_public: true,
    });
    codelabId = c.id;
    await adminCall(room.server, 'PUT', `/api/admin/codelabs/${encodeURIComponent(codelabId)}/steps`, { steps: STEPS });
    page = await room.adminPage('', { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  });

  after(async () => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('exports a codelab as an Open Codelabs ZIP and imports it back', async () => {
    await page.goto(`${room.origin}/admin/#/codelabs/${encodeURIComponent(codelabId)}`);
    await page.getByRole('heading', { name: 'Portable Go' }).waitFor();

    await page.locator('summary', { hasText: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Open Codelabs ZIP/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.zip$/, `got file name ${download.suggestedFilename()}, want a .zip`);
    const zipPath = join(tmp, download.suggestedFilename());
    await download.saveAs(zipPath);
    assert.ok(statSync(zipPath).size > 100, `got a ${statSync(zipPath).size}-byte export, want a real ZIP`);

    await page.getByRole('link', { name: 'All codelabs' }).click();
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    await chooser.setFiles(zipPath);
    await page.waitForURL((u) => /#\/codelabs\/[^/]+$/.test(u.hash) && !u.hash.endsWith(encodeURIComponent(codelabId)));
    importedId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    assert.notEqual(importedId, codelabId);

    const stepButtons = page.locator('aside ol li .label');
    await stepButtons.first().waitFor();
    assert.deepEqual(await stepButtons.allTextContents(), STEPS.map((s) => s.title));
    const stored = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(importedId)}`);
    assert.deepEqual(stored.steps.map((s) => s.markdown), STEPS.map((s) => s.markdown));
  });

  it('shows the server message when an import is refused', async () => {
    await page.goto(`${room.origin}/admin/#/`);
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    await page.locator('input[name="import-file"]').setInputFiles({
      name: 'notes.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('this is not a zip archive'),
    });
    const toast = page.locator('.toast.error').filter({ hasText: 'Import failed' });
    await toast.waitFor();
    assert.ok((await toast.textContent()).length > 'Import failed: '.length + 5, 'the toast must carry the server reason');
  });

  it('pasting and dropping images uploads them and renders them in the preview', async () => {
    await page.goto(`${room.origin}/admin/#/codelabs/${encodeURIComponent(importedId)}`);
    await page.getByRole('button', { name: STEPS[0].title }).click();
    const ta = page.locator('textarea[name="step-markdown"]');
    await ta.waitFor();

    assert.equal(await fireImage(page, 'paste', 'screenshot.png'), true, 'paste of an image must be handled');
    await page.waitForFunction(
      (n) => (document.querySelector('textarea[name="step-markdown"]').value.match(/\]\(uploads\//g) ?? []).length === n,
      1,
    );
    assert.equal(await fireImage(page, 'drop', 'diagram.png'), true, 'drop of an image must be handled');
    await page.waitForFunction(
      (n) => (document.querySelector('textarea[name="step-markdown"]').value.match(/\]\(uploads\//g) ?? []).length === n,
      2,
    );
    const value = await ta.inputValue();
    assert.equal(value.match(UPLOAD_MD)?.length, 2, `got markdown ${JSON.stringify(value)}, want two uploads/ images`);
    assert.ok(!value.includes('Uploading image'), 'the placeholders must be replaced');
    assert.ok(value.startsWith(STEPS[0].markdown), 'the text before the cursor must stay');

    const imgs = page.locator('[data-testid="preview"] img');
    await page.waitForFunction(() => {
      const list = [...document.querySelectorAll('[data-testid="preview"] img')];
      return list.length === 2 && list.every((i) => i.complete && i.naturalWidth > 0);
    });
    assert.equal(await imgs.first().evaluate((i) => i.naturalWidth), 40);
    await page.screenshot({ path: join(outDir, 'admin-step-images.png') });

    // The edit autosaves: the stored step has the image markdown too.
    await page.getByText('Saved', { exact: true }).waitFor();
    const stored = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(importedId)}`);
    assert.equal(stored.steps[0].markdown.match(UPLOAD_MD)?.length, 2);
  });

  it('a link material added in the editor shows on the attendee page', async () => {
    await page.goto(`${room.origin}/admin/#/codelabs/${encodeURIComponent(codelabId)}`);
    await page.getByRole('heading', { name: 'Materials' }).waitFor();
    await page.locator('input[name="material-title"]').fill('Go documentation');
    await page.locator('input[name="material-url"]').fill('https://go.dev/doc/');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.locator('[data-testid="material"]', { hasText: 'Go documentation' }).waitFor();

    // Rename inline and check the server has the new title.
    await page.getByRole('button', { name: 'Go documentation', exact: true }).click();
    await page.getByLabel('Material title').fill('Go docs');
    await page.getByLabel('Material title').press('Enter');
    await page.getByRole('button', { name: 'Go docs', exact: true }).waitFor();
    // A file material: the title field names it.
    await page.locator('input[name="material-title"]').fill('Starter code');
    await page.locator('input[name="material-file"]').setInputFiles({
      name: 'starter.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('package main\n'),
    });
    await page.locator('[data-testid="material"]', { hasText: 'starter.txt' }).waitFor();
    const list = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(codelabId)}/materials`);
    assert.deepEqual(
      list.map((m) => [m.kind, m.title, m.url ?? m.file_name]),
      [['link', 'Go docs', 'https://go.dev/doc/'], ['file', 'Starter code', 'starter.txt']],
    );
    await page.screenshot({ path: join(outDir, 'admin-materials.png'), fullPage: true });

    const attendee = await room.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const ap = await attendee.newPage();
    ap.on('pageerror', (e) => errors.push(e.message));
    await ap.goto(`${room.server.attendeeURL}#/codelabs/${encodeURIComponent(codelabId)}/1`);
    const section = ap.locator('section.materials');
    await section.getByRole('heading', { name: 'Materials' }).waitFor();
    const link = section.getByRole('link', { name: /Go docs/ });
    assert.equal(await link.getAttribute('href'), 'https://go.dev/doc/');
    const [file] = await Promise.all([
      ap.waitForEvent('download'),
      section.getByRole('link', { name: /Starter code/ }).click(),
    ]);
    assert.equal(file.suggestedFilename(), 'starter.txt');
    const saved = join(tmp, 'starter-download.txt');
    await file.saveAs(saved);
    assert.equal(readFileSync(saved, 'utf8'), 'package main\n');
    await ap.screenshot({ path: join(outDir, 'attendee-materials.png') });

    // A codelab without materials shows no Materials section.
    await ap.goto(`${room.server.attendeeURL}#/codelabs/${encodeURIComponent(importedId)}/1`);
    await ap.getByRole('heading', { name: STEPS[0].title }).waitFor();
    assert.equal(await ap.locator('section.materials').count(), 0);
    await attendee.close();
    assert.deepEqual(errors, []);
  });

  it('backs up, and a confirmed restore brings the backed-up codelabs back', async () => {
    await page.goto(`${room.origin}/admin/#/`);
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    await page.locator('summary', { hasText: 'Data' }).click();
    const [backup] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Download backup/ }).click(),
    ]);
    assert.match(backup.suggestedFilename(), /^open-codelabs-backup-.*\.zip$/);
    const backupPath = join(tmp, backup.suggestedFilename());
    await backup.saveAs(backupPath);

    // A codelab made after the backup disappears with the restore.
    await adminCall(room.server, 'POST', '/api/admin/codelabs', { title: 'Made after the backup' });
    await page.reload();
    await page.getByRole('heading', { name: 'Made after the backup' }).waitFor();

    await page.locator('summary', { hasText: 'Data' }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('menuitem', { name: /Restore from backup/ }).click(),
    ]);
    await chooser.setFiles(backupPath);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Replace all data with this backup?').waitFor();
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await page.locator('.toast.success', { hasText: 'Restored the backup' }).waitFor();
    await page.getByRole('heading', { name: 'Made after the backup' }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Portable Go' }).first().waitFor();
    await page.screenshot({ path: join(outDir, 'admin-home-data.png') });
    const labs = await adminFetch(room.server, '/api/admin/codelabs');
    assert.deepEqual(labs.map((c) => c.title).sort(), ['Portable Go', 'Portable Go']);

    // A file that is not a backup is refused with the server's reason; nothing changes.
    await page.locator('input[name="restore-file"]').setInputFiles({
      name: 'not-a-backup.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('nope'),
    });
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await page.locator('.toast.error', { hasText: 'Restore failed' }).waitFor();
    assert.equal((await adminFetch(room.server, '/api/admin/codelabs')).length, 2);
    assert.deepEqual(errors, []);
  });
});
