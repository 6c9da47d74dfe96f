// report.test.mjs: two attendees work through a three-step codelab (one
// reaches step 3, one asks for help at step 1 and chats), the facilitator
// opens the report and its numbers match what happened; after a new
// session the old one still reports them and the new one is empty.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminCall, makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';


describe('workshop report', () => {
  const room = useRoom();
  let labId = '';
  const { pageErrors } = room;

  async function join(name) {
    const page = await room.newPage({ viewport: { width: 1000, height: 800 }, colorScheme: 'light' });
    await room.join(page, labId, name);
    return page;
  }

  /** card reads one headline figure of the report page. */
  const card = (page, key) => page.locator(`[data-testid="report-card"][data-key="${key}"] b`).innerText();
  const reached = (page) =>
    page.locator('[data-testid="report-step"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-reached'))));

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'Report workshop', is_public: true }, [
      { title: 'Install', markdown: 'Install it.', duration_minutes: 5 },
      { title: 'Run', markdown: 'Run it.', duration_minutes: 5 },
      { title: 'Ship', markdown: 'Ship it.', duration_minutes: 5 },
    ]);
  });

  it('shows what the session did, and keeps it after a new session', async () => {
    const ann = await join('Ann');
    const bob = await join('Bob');
    for (let i = 0; i < 2; i++) {
      const before = await ann.evaluate(() => location.hash);
      await ann.getByRole('button', { name: 'Next →' }).click();
      await ann.waitForFunction((h) => location.hash !== h, before);
    }
    await bob.getByRole('button', { name: /Ask for help/ }).click();
    await bob.locator('[data-testid="help"][data-status="waiting"]').waitFor();
    await bob.locator('[data-testid="chat-toggle"]').click();
    await bob.locator('textarea[name="chat-text"]').fill('Where is the installer?');
    await bob.locator('textarea[name="chat-text"]').press('Enter');

    // The report reads the committed log: poll until the server has all of it.
    const path = `/api/admin/codelabs/${labId}/report`;
    const done = (rep) => rep.steps[2].reached === 1 && rep.summary.chat_messages === 1;
    for (let rep = await adminCall(room.server, 'GET', path); !done(rep); rep = await adminCall(room.server, 'GET', path)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const admin = await room.adminPage(`#/codelabs/${labId}/report`, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    await admin.locator('[data-testid="report-step"]').first().waitFor({ timeout: 8000 }).catch(async (e) => {
      await admin.screenshot({ path: shot('report-failure.png') });
      throw e;
    });
    assert.equal(await card(admin, 'attendees'), '2');
    assert.equal(await card(admin, 'help'), '1');
    assert.equal(await card(admin, 'chat'), '1');
    assert.deepEqual(await reached(admin), [2, 1, 1]);
    assert.equal(await admin.locator('[data-testid="report-step"][data-step="1"]').getAttribute('data-help'), '1');
    await admin.screenshot({ path: shot('report-light.png'), fullPage: true });

    await adminCall(room.server, 'POST', `/api/admin/codelabs/${labId}/sessions`, { title: 'Afternoon' });
    await admin.reload();
    await admin.locator('[data-testid="report-step"]').first().waitFor();
    assert.equal(await card(admin, 'attendees'), '0', 'the new session starts empty');
    const sessions = await adminCall(room.server, 'GET', `/api/admin/codelabs/${labId}/sessions`);
    const old = sessions.find((s) => !s.current);
    await admin.locator('select').first().selectOption(old.id);
    await admin.locator('[data-testid="report-card"][data-key="attendees"] b', { hasText: '2' }).waitFor();
    assert.deepEqual(await reached(admin), [2, 1, 1], 'the old session keeps its funnel');

    const dark = await room.adminPage(`#/codelabs/${labId}/report/${old.id}`, { viewport: { width: 420, height: 900 }, colorScheme: 'dark' });
    await dark.locator('[data-testid="report-card"][data-key="attendees"] b', { hasText: '2' }).waitFor();
    await dark.screenshot({ path: shot('report-dark-phone.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
