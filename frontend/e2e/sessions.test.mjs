// sessions.test.mjs: the facilitator removes an attendee while their page is
// open (they see why, their chat stays as "removed attendee"), then starts a
// new session: the dashboard empties, the other attendee is told, and the
// old session is listed with its numbers. Real server, real Chromium.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shot, useRoom } from './room.mjs';
import { adminCall, makeCodelab } from './api-helpers.mjs';


describe('attendees and sessions', () => {
  const room = useRoom();
  let labId = '';
  const { pageErrors } = room;
  let admin, ann, bo;
  let annId = '';

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'Sessions workshop', is_public: true }, [
      { title: 'Install', markdown: 'Install it.', duration_minutes: 5 },
      { title: 'Run', markdown: 'Run it.', duration_minutes: 5 },
    ]);
    admin = await room.newPage({ viewport: { width: 1440, height: 900 } });
    await room.openAdmin(admin, `#/codelabs/${labId}/live`);
    await admin.locator('[data-testid="connection"][data-state="online"]').waitFor();
    ann = await room.newPage({ viewport: { width: 390, height: 800 } });
    bo = await room.newPage({ viewport: { width: 1024, height: 768 } });
    annId = await room.join(ann, labId, 'Ann');
    await room.join(bo, labId, 'Bo');
    await ann.locator('[data-testid="chat-toggle"]').click();
    await ann.locator('textarea[name="chat-text"]').fill('hello from ann');
    await ann.locator('textarea[name="chat-text"]').press('Enter');
    await admin.locator('[data-testid="attendee-row"]').nth(1).waitFor();
  });

  it('removes an attendee whose page is open, and they see why', async () => {
    const row = admin.locator(`[data-testid="attendee-row"][data-id="${annId}"]`);
    await row.getByRole('button', { name: 'Remove' }).click();
    const dialog = admin.locator('dialog[open]');
    await dialog.getByText('Keep them, shown as “removed attendee”').waitFor();
    await admin.screenshot({ path: shot('sessions-remove-dialog.png') });
    await dialog.getByRole('button', { name: 'Remove' }).click();

    const ended = ann.locator('[data-testid="live-ended"]');
    await ended.waitFor();
    assert.match(await ended.textContent(), /The facilitator removed you from this codelab/);
    await ann.screenshot({ path: shot('sessions-removed-attendee.png') });
    await row.waitFor({ state: 'detached' });
    assert.equal(await admin.locator('[data-testid="attendee-row"]').count(), 1);

    const history = await adminCall(room.server, 'GET', `/api/admin/codelabs/${labId}/messages`);
    const kept = history.messages.find((m) => m.text === 'hello from ann');
    assert.equal(kept?.from.name, 'removed attendee', `got ${JSON.stringify(history.messages)}`);
  });

  it('starts a new session: the dashboard empties and the old one is listed', async () => {
    await admin.locator('[data-testid="new-session"]').click();
    const dialog = admin.locator('dialog[open]');
    await dialog.getByLabel('Title (optional)').fill('Afternoon class');
    await dialog.getByRole('button', { name: 'Start new session' }).click();

    await admin.locator('[data-testid="attendee-row"]').first().waitFor({ state: 'detached' });
    await admin.getByText('Nobody has joined yet.').waitFor();
    const ended = bo.locator('[data-testid="live-ended"]');
    await ended.waitFor();
    assert.match(await ended.textContent(), /started a new session/);

    const past = admin.locator('[data-testid="session-row"]');
    await past.first().waitFor();
    assert.equal(await past.count(), 1);
    assert.match(await past.first().textContent(), /1 attendee · 1 message · 0 help requests/);
    await past.first().getByRole('button').first().click();
    const detail = admin.locator('[data-testid="session-detail"]');
    await detail.getByText('Bo', { exact: true }).waitFor();
    await admin.screenshot({ path: shot('sessions-dashboard.png'), fullPage: true });
    await admin.emulateMedia({ colorScheme: 'dark' });
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.locator('[data-testid="sessions"]').scrollIntoViewIfNeeded();
    await admin.locator('[data-testid="sessions"]').screenshot({ path: shot('sessions-dark-phone.png') });
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.emulateMedia({ colorScheme: 'light' });

    const list = await adminCall(room.server, 'GET', `/api/admin/codelabs/${labId}/sessions`);
    assert.equal(list.length, 2);
    assert.equal(list[0].title, 'Afternoon class');
    assert.equal(list[0].current, true);

    // Joining again works in the new, empty room.
    await bo.getByRole('button', { name: 'Join again' }).click();
    await room.join(bo, labId, 'Bo');
    await admin.locator('[data-testid="attendee-row"]').first().waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
