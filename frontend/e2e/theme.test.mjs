// theme.test.mjs: the theme picker (System, Light, Dark) in both apps,
// remembered and applied before the app's code runs; code highlighting
// follows it; the projector join screen stays light unless asked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminURL, attendeeURL, shot, useWorkshop } from './a11y-kit.mjs';

const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const preBackground = (page) => page.evaluate(() => getComputedStyle(document.querySelector('.step-content pre')).backgroundColor);

describe('theme', () => {
  const room = useWorkshop();

  it('follows the system until a pick, which is remembered and set before the app runs', async () => {
    const ctx = await room.browser.newContext({ colorScheme: 'light' });
    try {
      const page = await ctx.newPage();
      await page.goto(attendeeURL(room.server, `#/codelabs/${room.id}/1`));
      await page.locator('.step-content pre').first().waitFor();
      assert.equal(await theme(page), 'light');
      const lightPre = await preBackground(page);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      const darkPre = await preBackground(page);
      assert.equal(darkPre, 'rgb(13, 17, 23)', 'code highlighting follows the theme (github-dark)');
      assert.notEqual(lightPre, darkPre);

      // An explicit pick wins over the system and is remembered.
      await page.emulateMedia({ colorScheme: 'light' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
      await page.locator('[data-testid="theme-picker"]').selectOption('dark');
      assert.equal(await theme(page), 'dark');
      // Without the app's own scripts, the boot script alone sets the theme: no light flash.
      await page.route(/\/assets\/.*\.js$/, (r) => r.abort());
      await page.reload();
      assert.equal(await theme(page), 'dark');
      await page.unroute(/\/assets\/.*\.js$/);

      // The facilitator app shares the pick; the projected join screen stays light.
      await page.goto(adminURL(room.server, '#/', '', true));
      await page.locator('main.home').waitFor();
      assert.equal(await theme(page), 'dark');
      assert.equal(await page.locator('[data-testid="theme-picker"]').inputValue(), 'dark');
      await page.goto(adminURL(room.server, '#/join'));
      const screen = page.locator('[data-testid="join-screen"]');
      await screen.locator('img').first().waitFor();
      assert.equal(await screen.getAttribute('data-theme'), 'light');
      assert.equal(await screen.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 255, 255)');
      // Unless the facilitator asks for dark there (remembered too).
      await page.locator('[data-testid="join-dark"]').click();
      assert.equal(await screen.getAttribute('data-theme'), 'dark');
      assert.equal(await page.locator('[data-testid="join-dark"]').getAttribute('aria-pressed'), 'true');
      await page.reload();
      await screen.locator('img').first().waitFor();
      assert.equal(await screen.getAttribute('data-theme'), 'dark');
      await page.screenshot({ path: shot('theme-join-dark.png') });
    } finally {
      await ctx.close();
    }
  });
});
