// storage.test.mjs: automatic backups and a damaged database in a real
// browser against the real server (docs/backup.md). The Data menu lists
// the automatic backups; a server started on a corrupted database shows
// the damaged banner, and its one-click restore brings the workshop back.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminFetch, startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const outDir = resolve(import.meta.dirname, 'output');
mkdirSync(outDir, { recursive: true });

/** waitForBackups polls the list until it holds at least n automatic backups (taken in the background). */
async function waitForBackups(server, n) {
  for (let i = 0; i < 1200; i++) {
    const { backups } = await adminFetch(server, '/api/admin/backups');
    if (backups.length >= n) return backups;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} automatic backups after 60 s`);
}

describe('storage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ocl-e2e-storage-'));
  let browser;
  after(async () => {
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists automatic backups and restores one when the database is damaged', async () => {
    let server = await startServer({ dataDir });
    try {
      const res = await fetch(new URL(server.adminURL).origin + '/api/admin/codelabs', {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Kept by the automatic backup', is_public: true }),
      });
      assert.equal(res.status, 201);
      // The start's snapshot runs in the background; stopping first would cancel it.
      await waitForBackups(server, 1);
    } finally {
      await server.stop();
    }
    // The next start snapshots the workshop with the codelab in it.
    server = await startServer({ dataDir });
    browser = await launchBrowser();
    try {
      await waitForBackups(server, 2);
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.goto(server.adminURL);
      await page.getByRole('heading', { name: 'Kept by the automatic backup' }).waitFor();
      await page.locator('summary', { hasText: 'Data' }).click();
      await page.getByText('Automatic backups').waitFor();
      const items = page.getByRole('menuitem', { name: /^Restore (Today|\w{3})/ });
      await items.first().waitFor();
      assert.ok((await items.count()) >= 2, 'want at least two automatic backups in the Data menu');
      await page.screenshot({ path: join(outDir, 'storage-data-menu.png') });
      await page.close();
    } finally {
      await server.stop();
    }

    // Garbage over one page in the middle of the database file.
    const db = join(dataDir, 'opencodelabs.db');
    const data = readFileSync(db);
    const page2 = Math.floor(data.length / 4096 / 2) * 4096;
    data.fill(0xab, page2, page2 + 4096);
    writeFileSync(db, data);

    server = await startServer({ dataDir });
    try {
      assert.match(server.output.join(''), /THE DATABASE IS DAMAGED/);
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.goto(server.adminURL);
      const banner = page.getByRole('alert').filter({ hasText: 'The workshop database is damaged.' });
      await banner.waitFor();
      await page.screenshot({ path: join(outDir, 'storage-damaged-banner.png') });
      await banner.getByRole('button', { name: /Restore newest backup/ }).click();
      await page.getByRole('button', { name: 'Restore', exact: true }).click();
      await page.getByText(/The damaged database was moved to damaged-/).waitFor();
      // The page reloads on the restored data.
      await page.getByRole('heading', { name: 'Kept by the automatic backup' }).waitFor();
      assert.equal(await banner.count(), 0, 'want the banner gone after the restore');
      const status = await adminFetch(server, '/api/admin/storage');
      assert.equal(status.damaged, false);
    } finally {
      await server.stop();
    }
  });
});
