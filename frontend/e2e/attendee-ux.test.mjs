// attendee-ux.test.mjs: the dead ends and wrong state of issue #9, in
// Chromium against the real server: the root link resumes at the server's
// step, a hidden codelab can be previewed by the facilitator, a closed
// codelab says so live and after a reload, a wrong admin token is named,
// landing cards show summed time and a lock, and the join screen's short link.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { adminCall, makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';


const STEPS = [
  { title: 'Install Go', markdown: 'Download Go.', duration_minutes: 10 },
  { title: 'Hello world', markdown: 'Write `main.go`.', duration_minutes: 15 },
  { title: 'Handlers', markdown: 'Add a route.\n\nNegative\n: Do not skip this.', duration_minutes: 5 },
  { title: 'Deploy', markdown: 'Ship it.', duration_minutes: 5 },
];

describe('attendee and facilitator dead ends (issue #9)', () => {
  const room = useRoom();
  let origin = '';
  const errors = room.pageErrors;

  /** newPage is a page (1280×800 unless opts say otherwise) and its context. */
  async function newPage(opts = {}) {
    const page = await room.newPage({ viewport: { width: 1280, height: 800 }, ...opts });
    return { ctx: page.context(), page };
  }

  async function adminPage(opts) {
    const p = await newPage(opts);
    await room.openAdmin(p.page);
    return p;
  }

  before(async () => {
    origin = room.origin;
  });

  it('the root link resumes at the server step and never moves the attendee back', async () => {
    const id = await makeCodelab(room.server, { title: 'Resume', is_public: true }, STEPS);
    const { page: admin } = await adminPage();
    await admin.goto(`${origin}/admin/#/codelabs/${id}/live`);
    await admin.getByTestId('live-dashboard').waitFor();

    const { page } = await newPage();
    await room.join(page, id, 'Ada');
    const me = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).id, `ocl.attendee.${id}`);
    const row = (step) => admin.locator(`[data-testid="attendee-row"][data-id="${me}"][data-step="${step}"]`);
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByRole('button', { name: 'Next →' }).click();
    await row(3).waitFor();

    // Same tab, root link (bookmark, typed address).
    await page.evaluate((h) => (location.hash = h), `#/codelabs/${id}`);
    await page.waitForURL(/#\/codelabs\/[^/]+\/\d+$/);
    assert.equal(new URL(page.url()).hash, `#/codelabs/${id}/3`, 'the root link must resume at step 3');
    assert.equal(await page.getByRole('heading', { level: 2 }).first().innerText(), '3. Handlers');

    // A new tab's root link resumes too.
    const tab = await page.context().newPage();
    await tab.goto(`${room.server.attendeeURL}#/codelabs/${id}`);
    await tab.waitForURL(/#\/codelabs\/[^/]+\/\d+$/);
    assert.equal(new URL(tab.url()).hash, `#/codelabs/${id}/3`);
    await tab.close();

    // Only an explicit move changes it: Next goes 3 → 4 and completes 3, so no step-1 report came in between.
    await page.getByRole('button', { name: 'Next →' }).click();
    await row(4).waitFor();
    const list = await adminFetch(room.server, `/api/admin/codelabs/${id}/attendees`);
    const ada = (list.attendees ?? list).find((a) => a.id === me);
    assert.equal(ada.current_step, 4);
    assert.deepEqual(ada.completed_steps, [1, 2, 3]);
  });

  it('a facilitator previews a hidden codelab without registering or writing progress', async () => {
    const id = await makeCodelab(room.server, { title: 'Draft lab', is_public: false }, STEPS);
    const { page: admin } = await adminPage();
    await admin.goto(`${origin}/admin/#/codelabs/${id}`);
    const link = admin.getByRole('link', { name: 'Preview attendee view ↗' });
    const href = await link.getAttribute('href');
    assert.equal(href, `/#/preview/${id}`);

    const anonymous = await newPage();
    await anonymous.page.goto(`${room.server.attendeeURL}#/codelabs/${id}`);
    await anonymous.page.getByRole('heading', { name: 'Codelab not found' }).waitFor();
    await anonymous.page.goto(`${room.server.attendeeURL}#/preview/${id}`);
    await anonymous.page.getByRole('heading', { name: "Preview is for the facilitator's laptop" }).waitFor();

    // The admin's browser (token stored by /admin/) opens the preview.
    const preview = await admin.context().newPage();
    await preview.goto(`${room.server.attendeeURL}#/preview/${id}`);
    await preview.getByTestId('preview-banner').waitFor();
    assert.match(await preview.getByTestId('preview-banner').innerText(), /Attendees cannot open this codelab until you make it public/);
    await preview.getByRole('heading', { name: '1. Install Go' }).waitFor();
    await preview.keyboard.press('ArrowRight');
    await preview.keyboard.press('ArrowRight');
    await preview.getByRole('heading', { name: '3. Handlers' }).waitFor();
    assert.equal(new URL(preview.url()).hash, `#/preview/${id}/3`);
    assert.equal(await preview.locator('input[name="attendee-name"]').count(), 0, 'no registration in a preview');
    await preview.screenshot({ path: shot('h9-preview-light.png') });
    const list = await adminFetch(room.server, `/api/admin/codelabs/${id}/attendees`);
    assert.equal((list.attendees ?? list).length, 0, 'a preview must not register anyone');

    // The desktop window is another origin: it hands the token over in the hash, which is wiped.
    const desk = await newPage({ colorScheme: 'dark' });
    await desk.page.goto(`${room.server.attendeeURL}#/preview/${id}/3?token=${room.server.token}`);
    await desk.page.getByRole('heading', { name: '3. Handlers' }).waitFor();
    assert.equal(new URL(desk.page.url()).hash, `#/preview/${id}/3`);
    await desk.page.screenshot({ path: shot('h9-preview-dark.png') });
    await desk.ctx.close();
    await anonymous.ctx.close();
  });

  it('an attendee is told live, and after a reload, that the facilitator closed the codelab', async () => {
    const id = await makeCodelab(room.server, { title: 'Closing soon', is_public: true }, STEPS);
    const { ctx, page } = await newPage();
    await room.join(page, id, 'Grace');

    await adminCall(room.server, 'PATCH', `/api/admin/codelabs/${id}`, { is_public: false });
    const closed = page.getByTestId('codelab-closed');
    await closed.waitFor();
    assert.match(await closed.innerText(), /closed by the facilitator/);
    await page.reload();
    await closed.waitFor();
    await page.screenshot({ path: shot('h9-closed-light.png') });

    const phone = await newPage({ viewport: { width: 390, height: 800 }, colorScheme: 'dark' });
    await phone.page.goto(`${room.server.attendeeURL}#/codelabs/${id}`);
    await phone.page.getByRole('heading', { name: 'Codelab not found' }).waitFor();
    // Someone who was in it (their session on this device) gets the closed page, not a bare 404.
    const session = await page.evaluate((k) => localStorage.getItem(k), `ocl.attendee.${id}`);
    await phone.page.evaluate(([k, v]) => localStorage.setItem(k, v), [`ocl.attendee.${id}`, session]);
    await phone.page.reload();
    await phone.page.getByTestId('codelab-closed').waitFor();
    await phone.page.screenshot({ path: shot('h9-closed-phone-dark.png') });
    await phone.ctx.close();
    await ctx.close();
  });

  it('a wrong admin token is named apart from a missing one', async () => {
    const wrong = await newPage();
    await wrong.page.goto(`${origin}/admin/#token=not-the-token`);
    await wrong.page.getByRole('heading', { name: 'This admin link is not valid any more' }).waitFor();
    assert.match(await wrong.page.getByTestId('no-session').innerText(), /new token each time it starts/);
    await wrong.page.screenshot({ path: shot('h9-wrong-token-light.png') });
    await wrong.ctx.close();

    const missing = await newPage({ colorScheme: 'dark' });
    await missing.page.goto(`${origin}/admin/`);
    await missing.page.getByRole('heading', { name: 'Facilitator sign-in needed' }).waitFor();
    assert.equal(await missing.page.getByTestId('no-session').getAttribute('data-kind'), 'missing');
    await missing.page.screenshot({ path: shot('h9-missing-token-dark.png') });
    await missing.ctx.close();
  });

  it('landing cards show the summed time and a lock on access-coded codelabs; words are one per thing', async () => {
    const timed = await makeCodelab(room.server, { title: 'Timed by steps', is_public: true }, STEPS);
    await makeCodelab(room.server, { title: 'Locked lab', is_public: true, access_code: 'GOPHER' }, STEPS.slice(0, 1));
    for (const scheme of ['light', 'dark']) {
      const { ctx, page } = await newPage({ colorScheme: scheme });
      await page.goto(room.server.attendeeURL);
      const card = page.locator('a.card', { hasText: 'Timed by steps' });
      assert.match(await card.getByTestId('card-minutes').innerText(), /35 min/);
      const locked = page.locator('a.card', { hasText: 'Locked lab' });
      assert.equal(await locked.getByRole('img', { name: 'Needs an access code' }).count(), 1);
      assert.equal(await card.getByTestId('lock-mark').count(), 0);
      await page.screenshot({ path: shot(`h9-landing-${scheme}.png`) });
      await ctx.close();
    }

    const { ctx, page } = await newPage();
    await page.goto(`${room.server.attendeeURL}#/codelabs/${timed}`);
    await page.getByRole('button', { name: 'Continue on this device' }).waitFor();
    await ctx.close();
    const { page: admin } = await adminPage();
    await admin.goto(`${origin}/admin/#/codelabs/${timed}`);
    const toolbar = admin.locator('.toolbar');
    await toolbar.getByText('Duplicate', { exact: true }).waitFor();
    for (const name of ['Duplicate', 'Join screen', 'Live dashboard →']) {
      assert.equal(await toolbar.getByText(name, { exact: true }).count(), 1, `toolbar has ${name}`);
    }
    assert.equal(await toolbar.getByText('Copy', { exact: true }).count(), 0);
    assert.match(await admin.locator('.hint', { hasText: 'Attendees see them' }).innerText(), /below each step/);
    await admin.screenshot({ path: shot('h9-editor-toolbar.png') });
  });

  it('the join screen shows a short link that redirects and never breaks inside', async () => {
    const id = await makeCodelab(room.server, { title: 'Short link', is_public: true, access_code: 'GOPHER' }, STEPS);
    const { page: admin } = await adminPage({ viewport: { width: 1280, height: 720 } });
    await admin.goto(`${origin}/admin/#/join/${id}`);
    const url = admin.getByTestId('join-url');
    await url.waitFor();
    const shown = await url.innerText();
    const m = shown.match(/^http:\/\/127\.0\.0\.1:\d+\/c\/([A-Z2-9]{4})$/);
    assert.ok(m, `join URL ${shown}: want http://127.0.0.1:PORT/c/CODE`);
    const ws = await url.locator('.ltr > span').evaluateAll((els) => els.map((e) => getComputedStyle(e).whiteSpace));
    assert.deepEqual(ws, ['nowrap', 'nowrap', 'nowrap']);
    await admin.screenshot({ path: shot('h9-join-light.png') });

    const res = await fetch(shown, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `/#/codelabs/${id}`);
    const { ctx, page } = await newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(shown.replace(/\/c\/(\w+)$/, (_, c) => `/c/${c.toLowerCase()}`)); // typed in lower case
    await page.waitForURL((u) => u.hash === `#/codelabs/${id}`);
    await page.locator('input[name="access-code"]').waitFor();
    await page.goto(`${origin}/c/ZZZZ`);
    await page.getByRole('heading', { name: /No codelab has the code/ }).waitFor();
    await ctx.close();

    const phone = await adminPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await phone.page.goto(`${origin}/admin/#/join/${id}`);
    await phone.page.getByTestId('join-url').waitFor();
    const box = await phone.page.getByTestId('join-url').locator('.rest').boundingBox();
    const lines = await phone.page.getByTestId('join-url').locator('.rest').evaluate((e) => e.getClientRects().length);
    assert.equal(lines, 1, 'the short path must stay on one line');
    assert.ok(box && box.x + box.width <= 390, `short path ends at ${box && box.x + box.width}px, want within the 390px screen`);
    await phone.page.screenshot({ path: shot('h9-join-phone-dark.png'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
