// attendee-cap.test.mjs: the facilitator sets a codelab's attendee limit in the
// metadata form (by keyboard), the server stores it, and the attendee who would
// go over it is told the codelab is full.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { shot, useRoom } from './room.mjs';
import { adminCall } from './api-helpers.mjs';


describe('attendee limit', () => {
  const room = useRoom();
  let labId;

  before(async () => {
    labId = (await adminCall(room.server, 'POST', '/api/admin/codelabs', { title: 'Small room', is_public: true })).id;
    await adminCall(room.server, 'PUT', `/api/admin/codelabs/${labId}/steps`, { steps: [{ title: 'Hello', markdown: 'Hi', duration_minutes: 5 }] });
  });

  it('is set in the metadata form and refuses the attendee over it', async () => {
    const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    const page = await ctx.newPage();
    await room.openAdmin(page, `#/codelabs/${labId}`);
    const input = page.locator('input[name="max_attendees"]');
    await input.waitFor();
    assert.equal(await input.inputValue(), '2000', 'the default limit is shown');
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    const status = page.getByTestId('save-status');
    await status.filter({ hasText: 'Saving' }).waitFor();
    await status.filter({ hasText: 'Saved' }).waitFor();
    const saved = await adminFetch(room.server, `/api/admin/codelabs/${labId}`);
    assert.equal(saved.max_attendees, 1);
    await input.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('attendee-limit-dark.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await input.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('attendee-limit-phone.png') });

    const first = await (await room.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await room.join(first, labId, 'Ada');

    const second = await (await room.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await second.goto(`${room.server.attendeeURL}#/codelabs/${labId}`);
    await second.locator('input[name="attendee-name"]').fill('Grace');
    await second.getByRole('button', { name: 'Join', exact: true }).click();
    await second.getByText('This codelab is full').waitFor();
    await second.screenshot({ path: shot('attendee-limit-full.png') });
    const list = await adminFetch(room.server, `/api/admin/codelabs/${labId}/attendees`);
    assert.deepEqual(list.map((a) => a.name), ['Ada']);
  });
});
