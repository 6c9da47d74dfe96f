// live.test.mjs: a live workshop in three browser contexts — the facilitator's
// dashboard and two attendees — against the real server: registration, chat,
// DMs, help queue, progress, announcements, a hostile name and an offline send.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { useRoom } from './room.mjs';
import { adminCall, makeCodelab } from './api-helpers.mjs';

const outDir = resolve(import.meta.dirname, 'output');
const docsDir = resolve(import.meta.dirname, '..', '..', 'docs');
mkdirSync(outDir, { recursive: true });

const EVIL = '<img src=x onerror=alert(1)>';

describe('live workshop', () => {
  const room = useRoom({ dismissDialogs: true });
  let labId = '';
  const { pageErrors, dialogs } = room;
  let admin, one, two; // pages
  let oneCtx;
  let oneId = '';
  let twoId = '';

  /** chatLine finds a chat bubble with this exact text. */
  const chatLine = (page, text) =>
    page.locator('[data-testid="chat-line"]').filter({ has: page.locator('p', { hasText: new RegExp(`^${escape(text)}$`) }) });

  async function say(page, text) {
    await page.locator('textarea[name="chat-text"]').fill(text);
    await page.locator('textarea[name="chat-text"]').press('Enter');
  }

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'Live Go workshop', is_public: true }, [
      { title: 'Install Go', markdown: 'Download Go.', duration_minutes: 5 },
      { title: 'Hello world', markdown: 'Write `main.go`.', duration_minutes: 10 },
      { title: 'Handlers', markdown: 'Add a route.', duration_minutes: 10 },
    ]);

    admin = await room.newPage({ viewport: { width: 1440, height: 900 } });
    await room.openAdmin(admin);
    await admin.getByRole('link', { name: 'Live dashboard →' }).click();
    await admin.locator('[data-testid="live-dashboard"]').waitFor();
    assert.equal(new URL(admin.url()).hash, `#/codelabs/${labId}/live`);
    await admin.locator('[data-testid="connection"][data-state="online"]').waitFor();

    one = await room.newPage({ viewport: { width: 1280, height: 800 } });
    oneCtx = one.context();
    two = await room.newPage({ viewport: { width: 390, height: 844 } });
    oneId = await room.join(one, labId, 'Ada');
    twoId = await room.join(two, labId, EVIL);
  });

  it('shows both attendees on the dashboard, names as text', async () => {
    const rows = admin.locator('[data-testid="attendee-row"]');
    await rows.nth(1).waitFor();
    assert.equal(await admin.locator(`[data-testid="attendee-row"][data-id="${twoId}"] bdi.text`).textContent(), EVIL);
    await admin.locator(`[data-testid="attendee-row"][data-id="${oneId}"] .dot.on`).waitFor();
    assert.match(await one.locator('[data-testid="continue-code"]').textContent(), /^[2-9A-Z]{6}$/);
  });

  it('room chat from attendee 1 reaches attendee 2 and the facilitator', async () => {
    await one.locator('[data-testid="chat-toggle"]').click();
    await say(one, 'Hello from Ada');
    await chatLine(admin, 'Hello from Ada').waitFor();
    await two.locator('[data-testid="chat-unread"]').waitFor();
    await two.locator('[data-testid="chat-toggle"]').click();
    await chatLine(two, 'Hello from Ada').waitFor();
    assert.equal(await chatLine(one, 'Hello from Ada').count(), 1, 'the sender shows its message once');
  });

  it('a facilitator DM reaches only its attendee', async () => {
    await admin.locator(`[data-testid="attendee-row"][data-id="${oneId}"]`).getByTestId('dm-attendee').click();
    await say(admin, 'Private tip for Ada');
    await chatLine(admin, 'Private tip for Ada').waitFor(); // the facilitator's thread shows it too
    await one.locator('[data-testid="unread-dm"]').waitFor();
    await one.getByRole('tab', { name: /Facilitator/ }).click();
    await chatLine(one, 'Private tip for Ada').waitFor();

    await admin.getByRole('button', { name: 'Everyone' }).click();
    await say(admin, 'Room message after the DM');
    await chatLine(two, 'Room message after the DM').waitFor();
    // Events arrive in seq order, so the DM would be here by now if attendee 2 could see it.
    await two.getByRole('tab', { name: /Facilitator/ }).click();
    assert.equal(await two.getByText('Private tip for Ada').count(), 0, 'attendee 2 must not see the DM');
    await two.getByRole('tab', { name: /Everyone/ }).click();
    assert.equal(await two.getByText('Private tip for Ada').count(), 0);
  });

  it('attendee 2 asks for help, the facilitator resolves it', async () => {
    await two.keyboard.press('Escape'); // close the slide-over, which covers a phone screen
    await two.locator('[data-testid="chat-panel"]').waitFor({ state: 'detached' });
    await two.getByRole('button', { name: /Ask for help/ }).click();
    await two.locator('[data-testid="help"][data-status="waiting"]', { hasText: '#1 in line' }).waitFor();
    const item = admin.locator(`[data-testid="help-item"][data-attendee="${twoId}"]`);
    await item.waitFor();
    assert.equal(await item.locator('bdi.name').textContent(), EVIL);
    await admin.getByText('asks for help on step 1').waitFor(); // the toast
    await item.getByRole('button', { name: 'Resolve' }).click();
    await two.locator('[data-testid="help"][data-status="resolved"]').waitFor();
    await item.waitFor({ state: 'detached' });
  });

  it('Next moves attendee 1 on the dashboard', async () => {
    await one.getByRole('button', { name: 'Next →' }).click();
    await admin.locator(`[data-testid="attendee-row"][data-id="${oneId}"][data-step="2"]`).waitFor();
    await admin.locator('[data-testid="hist-step-2"][data-count="1"]').waitFor();
    await admin.locator('[data-testid="hist-step-1"][data-count="1"]').waitFor();
  });

  it('an announcement is a banner until dismissed, and a returning browser continues at its step', async () => {
    await admin.locator('input[name="announcement"]').fill('Break in 5 minutes');
    await admin.getByRole('button', { name: /Announce/ }).click();
    await one.locator('[data-testid="announcement"] bdi', { hasText: 'Break in 5 minutes' }).waitFor();
    await two.locator('[data-testid="announcement"]', { hasText: 'Break in 5 minutes' }).waitFor();
    await one.locator('[data-testid="announcement"]').getByRole('button', { name: 'Dismiss' }).click();
    await one.locator('[data-testid="announcement"]').waitFor({ state: 'detached' });

    await one.goto(`${room.server.attendeeURL}#/`);
    await one.goto(`${room.server.attendeeURL}#/codelabs/${labId}`);
    await one.waitForURL(new RegExp(`#/codelabs/${labId}/2$`));
    await one.locator('[data-testid="connection"][data-state="online"]').waitFor();
    await one.getByRole('heading', { name: '2. Hello world' }).waitFor();
    assert.equal(await one.locator('[data-testid="announcement"]').count(), 0, 'a dismissed banner stays dismissed');
  });

  it('the hostile name is text in chat and nothing ran', async () => {
    await two.locator('[data-testid="chat-toggle"]').click();
    await say(two, 'hi, I am the img');
    await one.locator('[data-testid="chat-toggle"]').click();
    const line = chatLine(one, 'hi, I am the img');
    await line.waitFor();
    assert.equal(await line.locator('bdi.name').textContent(), EVIL, 'names are bidi-isolated');
    assert.equal(await line.locator('.text > bdi').textContent(), 'hi, I am the img', 'chat text is bidi-isolated');
    await chatLine(admin, 'hi, I am the img').waitFor();
    for (const p of [admin, one, two]) {
      assert.equal(await p.locator('img[src="x"]').count(), 0, 'no <img src=x> may exist');
    }
    assert.deepEqual(dialogs, [], 'no dialog may fire');
  });

  it('a chat sent offline is delivered exactly once after going online', async () => {
    await oneCtx.setOffline(true);
    await one.locator('[data-testid="connection"]:not([data-state="online"])').waitFor();
    await say(one, 'sent while offline');
    await one.locator('[data-testid="chat-line"].pending', { hasText: 'sent while offline' }).waitFor();
    await oneCtx.setOffline(false);
    await chatLine(two, 'sent while offline').waitFor();
    await one.locator('[data-testid="chat-line"].pending').waitFor({ state: 'detached' });
    await say(admin, 'after the offline message');
    await chatLine(two, 'after the offline message').waitFor();
    assert.equal(await chatLine(two, 'sent while offline').count(), 1, 'attendee 2 got it once');
    await chatLine(one, 'after the offline message').waitFor();
    assert.equal(await chatLine(one, 'sent while offline').count(), 1, 'attendee 1 shows it once');
    assert.equal(await chatLine(admin, 'sent while offline').count(), 1, 'the facilitator got it once');
  });

  it('an access-coded codelab: wrong code, right code, then the same attendee on another device', async () => {
    const lab = await adminCall(room.server, 'POST', '/api/admin/codelabs', { title: 'Secret lab', is_public: true, access_code: 'Open Sesame' });
    await adminCall(room.server, 'PUT', `/api/admin/codelabs/${lab.id}/steps`, {
      steps: [{ title: 'One', markdown: 'first' }, { title: 'Two', markdown: 'second' }],
    });
    const page = await room.newPage({ viewport: { width: 1024, height: 768 } });
    const ctx = page.context();
    await page.goto(`${room.server.attendeeURL}#/codelabs/${lab.id}`);
    await page.locator('input[name="attendee-name"]').fill('Grace');
    await page.locator('input[name="access-code"]').fill('wrong');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'access code is not right' }).waitFor();
    await page.locator('input[name="access-code"]').fill(' open sesame ');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('heading', { name: '1. One' }).waitFor();
    await page.getByRole('button', { name: 'Next →' }).click();
    await admin.goto(`${room.origin}/admin/#/codelabs/${lab.id}/live`);
    await admin.locator('[data-testid="attendee-row"][data-step="2"]', { hasText: 'Grace' }).waitFor();
    const code = await page.locator('[data-testid="continue-code"]').textContent();

    const other = await room.newPage({ viewport: { width: 390, height: 844 } });
    const otherCtx = other.context();
    await other.goto(`${room.server.attendeeURL}#/codelabs/${lab.id}`);
    await other.getByRole('button', { name: 'Continue on this device' }).click();
    await other.locator('input[name="continue-code"]').fill(code.toLowerCase().replace(/^(...)/, '$1-'));
    await other.getByRole('button', { name: 'Continue', exact: true }).click();
    await other.getByRole('heading', { name: '2. Two' }).waitFor(); // continues at the step of the first device
    assert.equal(await other.locator('.name').first().textContent(), 'Grace');
    await other.locator('[data-testid="connection"][data-state="online"]').waitFor();
    await other.getByRole('button', { name: 'Finish', exact: true }).click(); // the server completes: every step visited
    await other.locator('[data-testid="finish-screen"]').waitFor();
    await other.locator('[data-testid="finished"]').waitFor();
    await admin.locator('[data-testid="attendee-row"]', { hasText: 'Finished' }).waitFor();
    await ctx.close();
    await otherCtx.close();
    await admin.goto(`${room.origin}/admin/#/codelabs/${labId}/live`);
    await admin.locator('[data-testid="connection"][data-state="online"]').waitFor();
  });

  it('screenshots the dashboard and an attendee with chat open', async () => {
    await one.getByRole('button', { name: /Ask for help/ }).click();
    await admin.locator(`[data-testid="help-item"][data-attendee="${oneId}"]`).waitFor();
    await admin.locator(`[data-testid="attendee-row"][data-id="${oneId}"]`).getByTestId('dm-attendee').click();
    await admin.mouse.move(0, 0);
    const dash = resolve(outDir, 'live-dashboard.png');
    await admin.screenshot({ path: dash });
    // Tests never rewrite tracked files; refresh the README's picture on request.
    if (process.env.OCL_UPDATE_DOCS === '1') copyFileSync(dash, resolve(docsDir, 'screenshot-dashboard.png'));
    await one.screenshot({ path: resolve(outDir, 'live-attendee-chat.png') });
    await two.screenshot({ path: resolve(outDir, 'live-attendee-phone.png') });
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
