// polls.test.mjs: the facilitator starts a three-option poll on the live
// dashboard, three attendees (three browser contexts) answer in their
// banner, the dashboard and the projector's join screen show the server's
// counts as bars, the facilitator closes the poll and shows the results, and
// the attendees see them. Real server, real Chromium.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';


describe('live polls', () => {
  const room = useRoom();
  let labId = '';
  const { pageErrors } = room;
  let admin, projector;
  const attendees = {};

  async function join(name, options) {
    attendees[name] = await room.newPage(options);
    await room.join(attendees[name], labId, name);
  }

  /** counts reads the bars' numbers of one chart, in option order. */
  async function counts(chart) {
    return chart.locator('[data-testid="poll-bar"]').evaluateAll((bars) => bars.map((b) => Number(b.dataset.count)));
  }

  /** waitCounts waits until a chart shows the wanted counts (the page updates live). */
  async function waitCounts(page, scope, want) {
    await page.waitForFunction(
      ([sel, w]) => {
        const bars = [...document.querySelectorAll(`${sel} [data-testid="poll-bar"]`)];
        return JSON.stringify(bars.map((b) => Number(b.dataset.count))) === w;
      },
      [scope, JSON.stringify(want)],
    );
  }

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'Polls workshop', is_public: true }, [
      { title: 'Set up', markdown: 'Install the tools.', duration_minutes: 5 },
      { title: 'Build', markdown: 'Build the thing.', duration_minutes: 10 },
    ]);
    admin = await room.adminPage(`#/codelabs/${labId}/live`, { viewport: { width: 1440, height: 1000 } });
    await admin.locator('[data-testid="connection"][data-state="online"]').waitFor();
    projector = await room.adminPage(`#/join/${labId}`, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    await projector.locator('[data-testid="join-screen"]').waitFor();
    await join('Ann', { viewport: { width: 1024, height: 768 } });
    await join('Bo', { viewport: { width: 390, height: 800 } });
    await join('Cy', { viewport: { width: 320, height: 720 }, colorScheme: 'dark' });
  });

  it('starts a three-option poll and counts one answer per attendee, live', async () => {
    const panel = admin.locator('[data-testid="poll-panel"]');
    await panel.locator('[data-testid="poll-question"]').fill('Which editor do you use?');
    await panel.locator('[data-testid="poll-add-option"]').click();
    const inputs = panel.locator('[data-testid="poll-option-input"]');
    await inputs.nth(0).fill('Vim');
    await inputs.nth(1).fill('Emacs');
    await inputs.nth(2).fill('VS Code');
    await panel.locator('[data-testid="poll-start"]').click();
    await panel.locator('[data-testid="poll-item"][data-status="open"]').waitFor();

    const picks = { Ann: 'Vim', Bo: 'VS Code', Cy: 'VS Code' };
    for (const [name, option] of Object.entries(picks)) {
      const banner = attendees[name].locator('[data-testid="poll-banner"]');
      await banner.getByText('Which editor do you use?').waitFor();
      await banner.locator('[data-testid="poll-option"]', { hasText: option }).click();
      await banner.locator('[data-testid="poll-option"][aria-pressed="true"]', { hasText: option }).waitFor();
    }
    await attendees.Cy.locator('[data-testid="poll-banner"]').screenshot({ path: shot('polls-attendee-banner-open-dark-320.png') });
    // Bo changes his mind and back: still one answer.
    const bo = attendees.Bo.locator('[data-testid="poll-banner"]');
    await bo.locator('[data-testid="poll-option"]', { hasText: 'Emacs' }).click();
    await bo.locator('[data-testid="poll-option"]', { hasText: 'VS Code' }).click();

    await waitCounts(admin, '[data-testid="poll-item"][data-status="open"]', [1, 0, 2]);
    await waitCounts(projector, '[data-testid="projector-poll"]', [1, 0, 2]);
    const bars = projector.locator('[data-testid="projector-poll"] [data-testid="poll-bar-value"]');
    assert.match(await bars.nth(2).textContent(), /2 votes \(67\s?%\)/);
    assert.match(await projector.locator('[data-testid="projector-poll"] figcaption').textContent(), /3 people answered/);
    await projector.screenshot({ path: shot('polls-projector-light.png') });

    const server_ = await adminFetch(room.server, `/api/admin/codelabs/${labId}/polls`);
    assert.deepEqual(server_.polls[0].results, { counts: [1, 0, 2], total: 3 });
    // Attendees do not see the counts while the poll is open.
    assert.equal(await attendees.Ann.locator('[data-testid="poll-banner"] [data-testid="poll-chart"]').count(), 0);
  });

  it('closes the poll, shows the results, and the attendees see them', async () => {
    const item = admin.locator('[data-testid="poll-item"]').first();
    await item.locator('[data-testid="poll-close"]').click();
    for (const page of Object.values(attendees)) {
      await page.locator('[data-testid="poll-banner"][data-status="closed"] [data-testid="poll-closed"]').waitFor();
    }
    await item.locator('[data-testid="poll-show"]').click();
    for (const page of Object.values(attendees)) {
      await waitCounts(page, '[data-testid="poll-banner"]', [1, 0, 2]);
    }
    const cy = attendees.Cy.locator('[data-testid="poll-banner"]');
    assert.match(await cy.locator('[data-testid="poll-bar"]').nth(2).textContent(), /your answer/);
    assert.deepEqual(await counts(cy), [1, 0, 2]);
    await cy.screenshot({ path: shot('polls-attendee-banner-dark-320.png') });
    await attendees.Cy.screenshot({ path: shot('polls-attendee-page-dark-320.png') });
    // The projector keeps the closed poll up while its results are shown.
    await projector.locator('[data-testid="projector-poll"][data-status="closed"]').waitFor();
    await admin.screenshot({ path: shot('polls-dashboard.png'), fullPage: true });

    // The same banner in Arabic: right to left, bars growing from the right.
    await attendees.Cy.goto(`${room.server.attendeeURL}?lang=ar#/codelabs/${labId}`);
    await waitCounts(attendees.Cy, '[data-testid="poll-banner"]', [1, 0, 2]);
    assert.equal(await attendees.Cy.evaluate(() => document.documentElement.dir), 'rtl');
    await attendees.Cy.locator('[data-testid="poll-banner"]').screenshot({ path: shot('polls-attendee-banner-ar-320.png') });
    assert.deepEqual(pageErrors, []);
  });
  it('prepares a poll in the editor and starts it from the dashboard', async () => {
    const origin = room.origin;
    const editor = await room.adminPage(`#/codelabs/${labId}`, { viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' });
    const list = editor.locator('[data-testid="prepared-polls"]');
    await list.getByRole('button', { name: 'Add a poll' }).click();
    await list.locator('[data-testid="poll-question"]').fill('How is the pace?');
    const inputs = list.locator('[data-testid="poll-option-input"]');
    await inputs.nth(0).fill('Too slow');
    await inputs.nth(1).fill('Too slow ');
    await list.locator('[data-testid="prepared-save"]').click();
    await list.getByText('Two options are the same.').waitFor(); // caught before sending
    await inputs.nth(1).fill('Just right');
    await list.locator('select').selectOption('2');
    await list.locator('[data-testid="prepared-save"]').click();
    await editor.waitForFunction(
      async ([o, id, tok]) => {
        const r = await fetch(`${o}/api/admin/codelabs/${id}/prepared-polls`, { headers: { Authorization: `Bearer ${tok}` } });
        return (await r.json()).polls.length === 1;
      },
      [origin, labId, room.server.token],
    );
    await list.screenshot({ path: shot('polls-prepared-editor-dark.png') });
    const saved = await adminFetch(room.server, `/api/admin/codelabs/${labId}/prepared-polls`);
    assert.deepEqual(saved.polls.map((p) => [p.question, p.options, p.step]), [['How is the pace?', ['Too slow', 'Just right'], 2]]);

    await admin.reload();
    const panel = admin.locator('[data-testid="poll-panel"]');
    await panel.locator('[data-testid="poll-start-prepared"]').click();
    await panel.locator('[data-testid="poll-item"][data-status="open"]', { hasText: 'How is the pace?' }).waitFor();
    const banner = attendees.Ann.locator('[data-testid="poll-banner"]');
    await banner.getByText('How is the pace?').waitFor();
    await banner.locator('[data-testid="poll-option"]', { hasText: 'Just right' }).click();
    await waitCounts(admin, '[data-testid="poll-item"][data-status="open"]', [0, 1]);
    assert.deepEqual(pageErrors, []);
  });
});
