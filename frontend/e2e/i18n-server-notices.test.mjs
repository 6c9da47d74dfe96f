// i18n-server-notices.test.mjs: the server's warnings reach the facilitator
// in their language. In Korean and in Arabic, the join screen's "no network"
// warning (a loopback-only server) and the toasts after importing a claat
// file (status Published, a missing image, a fragment a bare .md cannot
// carry) come from the catalogue through the notices' codes, with none of the
// server's English sentences left. Screenshots: test-output/notices-join-<lang>.png
// and notices-import-<lang>.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const shots = resolve(import.meta.dirname, '..', '..', 'test-output');
mkdirSync(shots, { recursive: true });
const messages = (locale, ns) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'src', 'lib', 'i18n', 'messages', locale, `${ns}.json`), 'utf8'));

const CLAAT = `id: notices
status: Published

# Notices

## One
Duration: 0:02:00

![diagram](img/diagram.png)

<<setup.md>>
`;

// The server's English sentences (the warnings field) that must not show.
const ENGLISH = ['no network address', 'could not be advertised', 'start hidden', 'was not in the upload', 'a bare .md cannot carry'];

function withLang(adminURL, lang) {
  const u = new URL(adminURL);
  u.search = `?lang=${lang}`;
  return u.toString();
}

describe('server notices in Korean and Arabic', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  for (const lang of ['ko', 'ar']) {
    it(`${lang}: join screen warning and import toasts are translated`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: lang });
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(withLang(server.adminURL, lang));
      const warning = page.getByTestId('reachability-warning');
      await warning.waitFor(); // the admin home has taken the token from the hash
      await page.evaluate(() => (location.hash = '#/join'));
      await page.getByTestId('join-url').waitFor();
      const text = await warning.innerText();
      assert.ok(text.includes(messages(lang, 'common')['join.noLan']), `join warning in ${lang}: got ${text}`);
      for (const en of ENGLISH) assert.ok(!text.includes(en), `join warning has English "${en}": ${text}`);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      await page.screenshot({ path: resolve(shots, `notices-join-${lang}.png`) });

      await page.evaluate(() => (location.hash = '#/'));
      await page.locator('input[name="import-file"]').setInputFiles({ name: 'notices.md', mimeType: 'text/markdown', buffer: Buffer.from(CLAAT) });
      await page.waitForURL((u) => /#\/codelabs\/[^/]+$/.test(u.hash));
      const toasts = page.locator('.toast.info');
      await toasts.nth(2).waitFor(); // three notices: fragment, image, published
      const all = (await toasts.allInnerTexts()).join('\n');
      const n = messages(lang, 'adminNotices');
      assert.ok(all.includes(n.published_hidden), `import toasts in ${lang}: got ${all}`);
      for (const en of ENGLISH) assert.ok(!all.includes(en), `import toasts have English "${en}": ${all}`);
      assert.ok(all.includes('img/diagram.png') && all.includes('setup.md'), `the toasts name the files: ${all}`);
      await page.screenshot({ path: resolve(shots, `notices-import-${lang}.png`) });
      assert.deepEqual(errors, []);
      await ctx.close();
    });
  }
});
