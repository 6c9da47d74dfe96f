// rtl-pseudo.test.mjs: Arabic mirrors the whole layout while code and the
// markdown editor stay left to right; the pseudo-locale (?lang=en-XA:
// accented, 40 % longer) clips and overlaps nothing on the main screens.
// Screenshots: test-output/rtl-*.png and pseudo-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminURL, attendeeURL, overflowProblems, overlaps, shot, useWorkshop } from './a11y-kit.mjs';

describe('right to left and the pseudo-locale', () => {
  const room = useWorkshop();
  const errors = room.pageErrors;

  it('Arabic mirrors the step page and the dashboard; code and the editor stay left to right', async () => {
    const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(attendeeURL(room.server, `#/codelabs/${room.id}/1`, 'ar'));
      await page.locator('input[name="attendee-name"]').fill('ليلى');
      await page.locator('[data-testid="register-panel"] button[type="submit"]').click();
      await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      // The contents sit on the right of the step, as the mirror of the English page.
      const toc = await page.locator('nav.toc').boundingBox();
      const main = await page.locator('main.cl-main').boundingBox();
      assert.ok(toc.x > main.x, `contents at x=${toc.x} must be right of the step at x=${main.x}`);
      const dirs = await page.evaluate(() => ({
        body: getComputedStyle(document.querySelector('.step-content p')).direction,
        pre: getComputedStyle(document.querySelector('.step-content pre')).direction,
        align: getComputedStyle(document.querySelector('.step-content pre')).textAlign,
      }));
      assert.deepEqual(dirs, { body: 'rtl', pre: 'ltr', align: 'left' });
      // ← goes back and → forward in English; in Arabic the arrow keys mirror too.
      await page.keyboard.press('ArrowLeft');
      await page.waitForURL(/#\/codelabs\/[^/]+\/2$/);
      await page.keyboard.press('ArrowRight');
      await page.waitForURL(/#\/codelabs\/[^/]+\/1$/);
      await page.locator('[data-step-heading]').waitFor();
      await page.screenshot({ path: shot('rtl-ar-step.png') });

      const admin = await ctx.newPage();
      admin.on('pageerror', (e) => errors.push(e.message));
      await admin.goto(adminURL(room.server, '#/', 'ar', true));
      await admin.locator('main.home').waitFor();
      await admin.goto(adminURL(room.server, `#/codelabs/${room.id}/live`, 'ar'));
      await admin.locator('[data-testid="attendee-row"]').first().waitFor();
      await admin.screenshot({ path: shot('rtl-ar-dashboard.png') });
      // The brand (first in the header) is at the right edge.
      const brand = await admin.locator('header.bar .brand').boundingBox();
      assert.ok(brand.x > 640, `the header's brand at x=${brand.x} must sit on the right`);
      await admin.goto(adminURL(room.server, `#/codelabs/${room.id}`, 'ar'));
      await admin.locator('.list .item', { hasText: 'Install Go' }).click();
      const md = admin.locator('textarea[name="step-markdown"]');
      await md.waitFor();
      assert.equal(await md.evaluate((t) => getComputedStyle(t).direction), 'ltr');
      await admin.screenshot({ path: shot('rtl-ar-editor.png') });
    } finally {
      await ctx.close();
    }
    assert.deepEqual(errors, []);
  });

  for (const { w, h } of [
    { w: 1280, h: 800 },
    { w: 400, h: 800 },
  ]) {
    it(`pseudo-locale at ${w} px: nothing clipped, no control over another`, async () => {
      const ctx = await room.browser.newContext({ viewport: { width: w, height: h } });
      const problems = [];
      try {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        const look = async (screen, p = page) => {
          await p.screenshot({ path: shot(`pseudo-${w}-${screen}.png`), fullPage: true });
          for (const x of await overflowProblems(p)) problems.push(`${screen}: ${x}`);
          for (const x of await overlaps(p)) problems.push(`${screen}: ${x}`);
        };
        await page.goto(attendeeURL(room.server, '#/', 'en-XA'));
        await page.locator('main .grid a').first().waitFor();
        await look('landing');
        await page.goto(attendeeURL(room.server, `#/codelabs/${room.id}/1`, 'en-XA'));
        await page.locator('input[name="attendee-name"]').fill(`Pseudo ${w}`);
        await look('registration');
        await page.locator('[data-testid="register-panel"] button[type="submit"]').click();
        await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
        await look('step');
        await page.locator('[data-testid="chat-toggle"]').click();
        await page.locator('[data-testid="chat-panel"] textarea').waitFor();
        await look('chat');
        const admin = await ctx.newPage();
        await admin.goto(adminURL(room.server, '#/', 'en-XA', true));
        await admin.locator('main.home').waitFor();
        await look('admin-home', admin);
        await admin.goto(adminURL(room.server, `#/codelabs/${room.id}`, 'en-XA'));
        await admin.locator('textarea').first().waitFor();
        await look('editor', admin);
        await admin.goto(adminURL(room.server, `#/codelabs/${room.id}/live`, 'en-XA'));
        await admin.locator('[data-testid="attendee-row"]').first().waitFor();
        await look('dashboard', admin);
        await admin.goto(adminURL(room.server, '#/join', 'en-XA'));
        await admin.locator('[data-testid="join-screen"] img').first().waitFor();
        await look('join', admin);
      } finally {
        await ctx.close();
      }
      assert.deepEqual(errors, []);
      assert.equal(problems.length, 0, problems.join('\n'));
    });
  }
});
