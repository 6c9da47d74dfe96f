// helpers.test.mjs: the facilitator invites a helper on the join screen's
// Helpers tab; a phone-sized page opens the invitation link, claims an
// attendee's help request (the attendee sees "Sam is coming", the dashboard
// sees the claim), messages them and resolves it; then the facilitator
// revokes the helper and the helper page says why. Real server, real Chromium.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { shot, useRoom } from './room.mjs';
import { adminCall, makeCodelab } from './api-helpers.mjs';


describe('helpers (teaching assistants)', () => {
  const room = useRoom();
  let labId = '';
  let origin = '';
  const { pageErrors } = room;
  let join, dashboard, ann, helper;
  let helperURL = '';

  before(async () => {
    origin = room.origin;
    labId = await makeCodelab(room.server, { title: 'Helpers workshop', is_public: true }, [
      { title: 'Install the tools', markdown: 'Install it.', duration_minutes: 5 },
      { title: 'Run the app', markdown: 'Run it.', duration_minutes: 5 },
    ]);
    join = await room.newPage({ viewport: { width: 1280, height: 860 } });
    await room.openAdmin(join);
    dashboard = await room.newPage({ viewport: { width: 1280, height: 860 } });
    await room.openAdmin(dashboard, `#/codelabs/${labId}/live`);
    await dashboard.locator('[data-testid="connection"][data-state="online"]').waitFor();

    ann = await room.newPage({ viewport: { width: 1024, height: 768 } });
    await room.join(ann, labId, 'Ann');
  });

  it('invites a helper from the join screen with a QR code and a link', async () => {
    await join.goto(`${origin}/admin/#/join/${labId}`);
    await join.locator('[data-testid="join-tab-helpers"]').click();
    await join.locator('input[name="helper-name"]').fill('Sam');
    await join.getByRole('button', { name: 'Create invitation' }).click();
    const url = join.locator('[data-testid="helper-url"]');
    await url.waitFor();
    helperURL = (await url.textContent()).trim();
    assert.match(helperURL, /^http:\/\/127\.0\.0\.1:\d+\/#\/helper\/[0-9a-f]{64}$/);
    assert.match(await join.locator('[data-testid="helper-qr"]').getAttribute('src'), /^data:image\/svg\+xml/);
    await join.locator('[data-testid="helper-row"]').getByText('Sam').waitFor();
    await join.screenshot({ path: shot('helpers-join-tab.png') });
    await join.emulateMedia({ colorScheme: 'dark' });
    await join.screenshot({ path: shot('helpers-join-tab-dark.png') });
    await join.emulateMedia({ colorScheme: 'light' });
    // The list never carries the token.
    const list = await adminCall(room.server, 'GET', `/api/admin/codelabs/${labId}/helpers`);
    assert.equal(JSON.stringify(list).includes(helperURL.split('/').pop()), false);
  });

  it('opens the helper view on a phone and claims a help request', async () => {
    helper = await room.newPage({ viewport: { width: 400, height: 800 } });
    await helper.goto(helperURL);
    await helper.locator('[data-testid="helper-view"]').getByText('Helper · Sam').waitFor();
    await helper.locator('[data-testid="connection"][data-state="online"]').waitFor();
    // The token left the address bar.
    assert.equal(new URL(helper.url()).hash, '#/helper');

    await ann.getByRole('button', { name: 'Ask for help' }).click();
    const request = helper.locator('[data-testid="helper-request"]');
    await request.waitFor();
    assert.match(await request.textContent(), /Ann/);
    await request.locator('[data-testid="helper-claim-btn"]').click();
    await request.getByText('You are on the way').waitFor();

    const coming = ann.locator('[data-testid="help-coming"]');
    await coming.waitFor();
    assert.equal((await coming.textContent()).trim(), 'Sam is coming');
    const claim = dashboard.locator('[data-testid="help-claim"]');
    await claim.waitFor();
    assert.match(await claim.textContent(), /Sam is on the way/);

    await helper.screenshot({ path: shot('helpers-phone-queue-light.png'), fullPage: true });
    await helper.emulateMedia({ colorScheme: 'dark' });
    await helper.screenshot({ path: shot('helpers-phone-queue-dark.png'), fullPage: true });
    await helper.locator('[data-testid="helper-tab-people"]').click();
    await helper.locator('[data-testid="helper-attendee"]').getByText('Ann').waitFor();
    await helper.screenshot({ path: shot('helpers-phone-attendees-dark.png'), fullPage: true });
    await helper.emulateMedia({ colorScheme: 'light' });
    await helper.screenshot({ path: shot('helpers-phone-attendees-light.png'), fullPage: true });

    // Arabic: the same view mirrored (the stored token opens #/helper without the link).
    const ar = await helper.context().newPage();
    ar.on('pageerror', (e) => pageErrors.push(e.message));
    await ar.goto(`${origin}/?lang=ar#/helper`);
    await ar.locator('[data-testid="helper-request"]').waitFor();
    assert.equal(await ar.evaluate(() => document.documentElement.dir), 'rtl');
    await ar.screenshot({ path: shot('helpers-phone-queue-ar.png'), fullPage: true });
    await ar.close();
  });

  it('messages the attendee and resolves the request', async () => {
    await helper.locator('[data-testid="helper-attendee"]').getByRole('button', { name: 'Message Ann' }).click();
    const thread = helper.locator('[data-testid="helper-thread"]');
    await thread.locator('textarea[name="chat-text"]').fill('On my way to your table');
    await thread.locator('textarea[name="chat-text"]').press('Enter');
    await thread.getByText('On my way to your table').waitFor();
    await ann.getByText('Sam: On my way to your table', { exact: true }).waitFor(); // the attendee's notice names the helper
    await helper.screenshot({ path: shot('helpers-phone-thread-light.png') });

    await helper.locator('[data-testid="helper-tab-queue"]').click();
    await helper.locator('[data-testid="helper-resolve-btn"]').click();
    await helper.locator('[data-testid="helper-queue-empty"]').waitFor();
    await ann.locator('[data-testid="help"][data-status="resolved"]').waitFor();
    await dashboard.locator('[data-testid="help-claim"]').waitFor({ state: 'detached' });

    const audit = await adminCall(room.server, 'GET', `/api/admin/audit?codelab=${labId}`);
    const actions = audit.entries.map((e) => `${e.actor_kind}:${e.action}`);
    for (const want of ['facilitator:helper.create', 'helper:help.claim', 'helper:help.resolve']) {
      assert.ok(actions.includes(want), `audit: got ${actions.join(', ')}, want ${want}`);
    }
  });

  it('revokes the helper: the helper page closes and says why', async () => {
    const row = join.locator('[data-testid="helper-row"]');
    await row.getByRole('button', { name: 'Revoke Sam' }).click();
    await join.locator('dialog[open]').getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });

    const ended = helper.locator('[data-testid="helper-ended"]');
    await ended.waitFor();
    assert.match(await ended.textContent(), /Your helper access was removed/);
    await helper.screenshot({ path: shot('helpers-phone-removed-light.png') });
    await helper.emulateMedia({ colorScheme: 'dark' });
    await helper.screenshot({ path: shot('helpers-phone-removed-dark.png') });
    // The old link no longer works even after a reload.
    await helper.goto(helperURL);
    await helper.reload();
    await helper.locator('[data-testid="helper-ended"]').getByText('This helper link does not work').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
