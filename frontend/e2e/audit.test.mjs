// audit.test.mjs: the facilitator's Activity page (audit log) in a real
// browser against the real server: reached from the header by keyboard,
// filtered, exported as a CSV that is safe to open in a spreadsheet, in
// dark mode at phone width.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useRoom } from './room.mjs';

const outDir = resolve(import.meta.dirname, 'output');
mkdirSync(outDir, { recursive: true });

describe('activity (audit log)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ocl-e2e-audit-'));
  const room = useRoom();
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists, filters and exports facilitator actions and attendee milestones', async () => {
    const { server, browser } = room;
    const origin = new URL(server.adminURL).origin;
    const post = (path, body, token) =>
      fetch(origin + path, {
        method: 'POST',
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/api/admin/codelabs', { title: 'Audited workshop', is_public: true }, server.token);
    assert.equal(created.status, 201);
    const { id } = await created.json();
    for (const name of ['Ada', '=HYPERLINK("x")']) {
      const res = await post(`/api/codelabs/${id}/attendees`, { name });
      assert.equal(res.status, 201, `register ${name}`);
    }

    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(server.adminURL);
    await page.getByRole('heading', { name: 'Audited workshop' }).waitFor();
    // Keyboard: focus the header link and press Enter.
    await page.getByRole('link', { name: 'Activity' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    const table = page.getByRole('region', { name: 'Activity log' });
    await table.getByText('codelab.create').waitFor();
    assert.equal(await table.locator('tbody tr').count(), 3, 'want create + two registrations');
    // The codelab column shows the title, not the id.
    await table.getByRole('cell', { name: 'Audited workshop' }).first().waitFor();

    await page.getByLabel('Action').selectOption('attendee.register');
    await page.getByLabel('Who').fill('ada');
    await page.getByLabel('Who').press('Enter'); // submits the filter form
    await page.getByRole('cell', { name: /Ada$/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await page.screenshot({ path: join(outDir, 'audit-activity-phone-dark.png'), fullPage: true });

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 3);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^audit-log-.*\.csv$/);
    const saved = join(tmp, 'audit.csv');
    await download.saveAs(saved);
    const csv = readFileSync(saved, 'utf8');
    const lines = csv.trim().split('\n');
    assert.equal(lines[0], 'id,at,actor_kind,actor_id,actor_name,action,codelab_id,target_kind,target_id,detail');
    assert.equal(lines.length, 4, `got ${lines.length} lines, want a header and 3 rows`);
    assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`), `want the formula name defused and quoted in ${csv}`);
    await ctx.close();

    const wide = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const desk = await wide.newPage();
    await desk.goto(server.adminURL);
    await desk.getByRole('link', { name: 'Activity' }).click();
    await desk.getByRole('region', { name: 'Activity log' }).getByText('codelab.create').waitFor();
    await desk.screenshot({ path: join(outDir, 'audit-activity-desktop-light.png') });
    await wide.close();
  });
});
