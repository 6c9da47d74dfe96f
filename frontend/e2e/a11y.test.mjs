// a11y.test.mjs: axe-core (WCAG 2.2 A/AA rules) on the ten main screens of
// both apps, in light and dark and in English and Arabic, in Chromium against
// the real server: zero serious or critical violations. A failure prints each
// rule id with the elements it found. Screenshots of every screen go to
// test-output/a11y-<lang>-<theme>-<screen>.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminURL, attendeeTour, attendeeURL, axeViolations, describeViolations, shot, useWorkshop } from './a11y-kit.mjs';

describe('accessibility: no serious or critical axe-core violations', () => {
  const room = useWorkshop();
  const errors = room.pageErrors;

  for (const lang of ['en', 'ar']) {
    for (const theme of ['light', 'dark']) {
      it(`ten screens in ${lang}, ${theme}`, async () => {
        const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme, bypassCSP: true });
        const problems = [];
        try {
          const page = await ctx.newPage();
          page.on('pageerror', (e) => errors.push(e.message));
          const check = async (screen, p = page) => {
            assert.equal(await p.evaluate(() => document.documentElement.dataset.theme), theme, `${screen}: data-theme`);
            assert.equal(await p.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr', `${screen}: dir`);
            await p.screenshot({ path: shot(`a11y-${lang}-${theme}-${screen}.png`) });
            const v = await axeViolations(p);
            if (v.length) problems.push(`${screen} (${lang}, ${theme}):\n${describeViolations(v)}`);
          };

          // Attendee: landing, registration, step, chat, quiz, certificate.
          await attendeeTour(page, room.server, room.id, lang, `Ada ${lang} ${theme}`, check);
          await page.keyboard.press('Escape');
          await page.locator('[data-testid="chat-panel"]').waitFor({ state: 'detached' });
          for (const n of [2, 3]) {
            await page.locator('.nav .btn.primary').click();
            await page.waitForURL(new RegExp(`#/codelabs/[^/]+/${n}$`));
          }
          await page.locator('[data-testid="quiz-final"]').waitFor();
          await check('quiz');
          const admin = await ctx.newPage();
          admin.on('pageerror', (e) => errors.push(e.message));
          // Facilitator: home, editor, dashboard, join screen.
          await admin.goto(adminURL(room.server, '#/', lang, true));
          await admin.locator('main.home').waitFor();
          await check('admin-home', admin);
          await admin.goto(adminURL(room.server, `#/codelabs/${room.id}`, lang));
          await admin.locator('textarea').first().waitFor();
          await check('editor', admin);
          await admin.goto(adminURL(room.server, `#/codelabs/${room.id}/live`, lang));
          // The dashboard shows the attendee on the last step: the server has it, so they can finish.
          await admin.locator('[data-testid="attendee-row"][data-step="3"]', { hasText: `Ada ${lang} ${theme}` }).waitFor();
          await check('dashboard', admin);
          await admin.goto(adminURL(room.server, '#/join', lang));
          await admin.locator('[data-testid="join-screen"] img').first().waitFor();
          // The projected page stays light whatever the app's theme.
          assert.equal(await admin.locator('[data-testid="join-screen"]').getAttribute('data-theme'), 'light');
          await check('join', admin);

          const token = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).token, `ocl.attendee.${room.id}`);
          const res = await fetch(`${room.server.attendeeURL}api/me/complete`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
          assert.equal(res.status, 200, `complete: got ${res.status}: ${await res.clone().text()}`);
          const cert = (await res.json()).certificate;
          await page.goto(attendeeURL(room.server, `#/certificate/${encodeURIComponent(cert.id)}`, lang));
          await page.locator('[data-testid="certificate"]').waitFor();
          await check('certificate');
        } finally {
          await ctx.close();
        }
        assert.deepEqual(errors, [], 'no page errors');
        assert.equal(problems.length, 0, `axe-core violations:\n${problems.join('\n')}`);
      });
    }
  }
});
