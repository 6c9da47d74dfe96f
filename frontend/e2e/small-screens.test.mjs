// small-screens.test.mjs: the attendee app at 320 px and the facilitator app
// at 400 px wide (a phone, a small laptop window), in light and dark and in
// Arabic: nothing sticks out sideways (the page never scrolls horizontally),
// the facilitator header wraps with every control reachable, and touch
// controls are at least 44 px tall. Screenshots: test-output/small-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminURL, attendeeTour, overflowProblems, shot, useWorkshop } from './a11y-kit.mjs';

describe('phones and small windows', () => {
  const room = useWorkshop();
  const errors = room.pageErrors;

  const variants = [
    { lang: 'en', theme: 'light' },
    { lang: 'en', theme: 'dark' },
    { lang: 'ar', theme: 'light' },
  ];

  for (const { lang, theme } of variants) {
    it(`attendee at 320 px (${lang}, ${theme}): no sideways overflow, 44 px touch targets`, async () => {
      const ctx = await room.browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme: theme, hasTouch: true });
      const problems = [];
      try {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        const look = async (screen) => {
          await page.screenshot({ path: shot(`small-320-${lang}-${theme}-${screen}.png`), fullPage: true });
          for (const p of await overflowProblems(page)) problems.push(`${screen}: ${p}`);
          for (const p of await smallTargets(page)) problems.push(`${screen}: ${p}`);
        };
        await attendeeTour(page, room.server, room.id, lang, `Ada ${lang} ${theme}`, look);
      } finally {
        await ctx.close();
      }
      assert.deepEqual(errors, []);
      assert.equal(problems.length, 0, problems.join('\n'));
    });

    it(`facilitator at 400 px (${lang}, ${theme}): the header wraps, every control is on screen`, async () => {
      const ctx = await room.browser.newContext({ viewport: { width: 400, height: 720 }, colorScheme: theme });
      const problems = [];
      try {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        const look = async (screen) => {
          await page.screenshot({ path: shot(`small-400-${lang}-${theme}-${screen}.png`), fullPage: true });
          for (const p of await overflowProblems(page)) problems.push(`${screen}: ${p}`);
          // Every header control lies inside the window (none cut off).
          const outside = await page.evaluate(() =>
            [...document.querySelectorAll('header.bar a, header.bar button, header.bar select, header.bar summary')]
              .filter((el) => el.getClientRects().length > 0 && (el.tagName === 'SUMMARY' || !el.closest('details:not([open])')))
              .map((el) => ({ el: el.outerHTML.slice(0, 60), r: el.getBoundingClientRect() }))
              .filter(({ r }) => r.left < 0 || r.right > window.innerWidth + 0.5)
              .map(({ el, r }) => `${el} spans ${Math.round(r.left)}–${Math.round(r.right)}`),
          );
          for (const o of outside) problems.push(`${screen}: header control outside the window: ${o}`);
        };
        await page.goto(adminURL(room.server, '#/', lang, true));
        await page.locator('main.home').waitFor();
        await look('home');
        await page.goto(adminURL(room.server, `#/codelabs/${room.id}`, lang));
        await page.locator('textarea').first().waitFor();
        await look('editor');
        await page.goto(adminURL(room.server, `#/codelabs/${room.id}/live`, lang));
        await page.locator('[data-testid="live-dashboard"]').waitFor();
        await look('dashboard');
        await page.goto(adminURL(room.server, '#/join', lang));
        await page.locator('[data-testid="join-screen"] img').first().waitFor();
        await look('join');
      } finally {
        await ctx.close();
      }
      assert.deepEqual(errors, []);
      assert.equal(problems.length, 0, problems.join('\n'));
    });
  }
});

/** smallTargets lists buttons, links styled as buttons, and fields under 44 px tall (WCAG 2.5.5 on touch). */
function smallTargets(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a.btn, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), summary')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.step-content'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 43.5)
      .map(({ el, r }) => `touch target ${Math.round(r.width)}×${Math.round(r.height)}: ${el.outerHTML.slice(0, 80)}`),
  );
}
