// i18n-admin.test.mjs: the facilitator app in Japanese (?lang=ja, a ja-JP
// browser) creates a codelab, edits a step and sets Korean as the workshop's
// default language; every label of the facilitator's own namespaces comes from
// the Japanese catalogue and none is left in English. German (the longest
// labels) and Japanese are screenshotted at 1280 and 400 px.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { shot, useRoom } from './room.mjs';
import { readCatalogue } from './catalogue.mjs';

const NAMESPACES = ['admin', 'adminEditor', 'adminContent', 'adminAudit', 'adminJoin'];

/** catalogue reads one language's facilitator namespaces as {"ns.key": text}. */
const catalogue = (locale) => readCatalogue(locale, NAMESPACES);
const en = catalogue('en');
const ja = catalogue('ja');

// English labels that must not show in Japanese: whole messages without
// placeholders, longer than a word fragment, and not the same in Japanese
// (product names such as "Open Codelabs ZIP" stay as they are).
const englishLabels = Object.entries(en)
  .filter(([k, v]) => !/[{}]/.test(v) && v.length >= 4 && ja[k] !== v)
  .map(([, v]) => v.replace(/[→↗…]/g, '').trim())
  .filter((v) => v.length >= 4);

/** visibleText is the page's text plus every labelling attribute. */
async function visibleText(page) {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')].flatMap((el) =>
      ['title', 'aria-label', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...attrs].join('\n');
  });
}

/** assertNoEnglish fails with the English labels of our namespaces found on the page. */
async function assertNoEnglish(page, where) {
  const text = (await visibleText(page)).replaceAll('Open Codelabs', ''); // the product's name
  // Whole words only: "Save" is ours, "Saved" (the shared save status) is not.
  const esc = (l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = englishLabels.filter((l) => new RegExp(`(^|[^\\p{L}])${esc(l)}($|[^\\p{L}])`, 'u').test(text));
  assert.deepEqual(found, [], `${where}: English labels left on a Japanese page`);
}

/** withLang puts ?lang= before the hash of the admin URL (#token=…). */
/** savedWith waits for an autosave request of method whose body contains every part. */
function savedWith(page, method, parts) {
  return page.waitForResponse(
    (r) => r.request().method() === method && r.ok() && parts.every((p) => (r.request().postData() ?? '').includes(p)),
  );
}

function withLang(adminURL, lang) {
  const u = new URL(adminURL);
  u.search = `?lang=${lang}`;
  return u.toString();
}

describe('facilitator app in Japanese, workshop default in Korean', () => {
  const room = useRoom();
  let codelabId = '';

  it('creates a codelab, edits a step and sets Korean, all in Japanese', async () => {
    const ctx = await room.browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(withLang(room.server.adminURL, 'ja'));
    await page.getByRole('heading', { name: ja['admin.home.title'] }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    // The language picker is in the header and shows the language in use.
    assert.equal(await page.locator('header select[id^="locale-"]').inputValue(), 'ja');
    await page.getByText(ja['admin.home.empty']).waitFor();
    await assertNoEnglish(page, 'home');
    await page.screenshot({ path: shot('i18n-admin-ja-home-1280.png') });

    await page.getByRole('button', { name: ja['admin.home.new'] }).first().click();
    await page.getByLabel(ja['admin.new.label']).fill('はじめての Go');
    await page.getByRole('button', { name: ja['admin.new.create'] }).click();
    await page.waitForURL(/#\/codelabs\/[^/]+$/);
    codelabId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);

    // The details form: its labels, the default-language select, in Japanese.
    await page.getByRole('heading', { name: ja['adminEditor.meta.heading'] }).waitFor();
    const language = page.getByLabel(ja['adminEditor.meta.language']);
    assert.equal(await language.inputValue(), '', 'a new codelab follows each browser');
    assert.equal(
      await language.locator('option[value=""]').textContent(),
      ja['adminEditor.meta.languageBrowser'],
    );
    const metaSaved = savedWith(page, 'PATCH', ['"language":"ko"', '"is_public":true']);
    await language.selectOption('ko');
    await page.locator('label.switch').click(); // the checkbox itself is drawn by the switch
    await metaSaved;
    await page.getByText(ja['adminEditor.meta.languageHint']).waitFor();
    await assertNoEnglish(page, 'details');
    await page.screenshot({ path: shot('i18n-admin-ja-details-1280.png'), fullPage: true });

    // A step: its default title comes from the Japanese catalogue.
    await page.getByRole('button', { name: ja['adminEditor.list.add'] }).click();
    const stepTitle = page.locator('input[name="step-title"]');
    assert.equal(await stepTitle.inputValue(), ja['adminEditor.newStepTitle'].replace('{number}', '1'));
    await page.getByText(ja['adminEditor.previewEmpty']).waitFor();
    await assertNoEnglish(page, 'empty step');
    const stepSaved = savedWith(page, 'PUT', ['準備', 'インストール']);
    await stepTitle.fill('準備');
    await page.locator('textarea[name="step-markdown"]').fill('Go をインストールします。');
    await stepSaved;
    await page.getByRole('button', { name: ja['adminEditor.list.deleteLabel'].replace('{number}', '1') }).waitFor();
    await assertNoEnglish(page, 'step');
    await page.screenshot({ path: shot('i18n-admin-ja-step-1280.png') });

    // Phone width: the header (with the picker) wraps instead of being cut off.
    await page.setViewportSize({ width: 400, height: 860 });
    await page.getByRole('button', { name: ja['adminEditor.meta.heading'] }).click();
    await page.screenshot({ path: shot('i18n-admin-ja-details-400.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 400 px window`);

    // The activity log and the join screen (projected to the room) in Japanese too.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: ja['admin.nav.activity'] }).click();
    await page.getByRole('heading', { name: ja['admin.nav.activity'] }).waitFor();
    await page.getByRole('columnheader', { name: ja['adminAudit.col.time'] }).waitFor();
    await assertNoEnglish(page, 'activity');
    await page.screenshot({ path: shot('i18n-admin-ja-activity-1280.png') });
    await page.goto(withLang(room.server.adminURL, 'ja').replace(/#.*$/, '') + `#/join/${encodeURIComponent(codelabId)}`);
    await page.getByText(ja['adminJoin.eyebrow']).waitFor();
    await assertNoEnglish(page, 'join screen');
    await page.screenshot({ path: shot('i18n-admin-ja-join-1280.png') });

    const saved = await adminFetch(room.server, `/api/admin/codelabs/${codelabId}`);
    assert.equal(saved.language, 'ko');
    assert.deepEqual(saved.steps.map((s) => s.title), ['準備']);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('an English browser opens the codelab in Korean, the workshop default', async () => {
    const res = await fetch(new URL(`/api/codelabs/${codelabId}`, room.server.attendeeURL));
    assert.equal(res.status, 200);
    const pub = await res.json();
    assert.equal(pub.language, 'ko');

    // An attendee whose browser is English, who picked nothing, reads it in Korean.
    const ctx = await room.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(new URL(`/#/codelabs/${encodeURIComponent(codelabId)}`, room.server.attendeeURL).toString());
    await page.getByText('はじめての Go').first().waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    assert.equal(await page.evaluate(() => localStorage.getItem('ocl.locale')), null, 'the default is not a pick');
    await page.screenshot({ path: shot('i18n-admin-attendee-ko-1280.png') });
    await ctx.close();
  });

  it('German labels fit at 1280 and 400 px', async () => {
    const de = catalogue('de');
    const ctx = await room.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(withLang(room.server.adminURL, 'de'));
    await page.getByRole('heading', { name: de['admin.home.title'] }).waitFor();
    await page.getByRole('heading', { name: 'はじめての Go' }).waitFor();
    await page.screenshot({ path: shot('i18n-admin-de-home-1280.png') });
    await page.setViewportSize({ width: 400, height: 860 });
    await page.screenshot({ path: shot('i18n-admin-de-home-400.png'), fullPage: true });
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `home: the page is ${overflow} px wider than a 400 px window`);

    await page.goto(withLang(room.server.adminURL, 'de').replace(/#.*$/, '') + `#/codelabs/${encodeURIComponent(codelabId)}`);
    await page.getByRole('heading', { name: de['adminEditor.meta.heading'] }).waitFor();
    assert.equal(await page.getByLabel(de['adminEditor.meta.language']).inputValue(), 'ko');
    await page.screenshot({ path: shot('i18n-admin-de-details-400.png'), fullPage: true });
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `editor: the page is ${overflow} px wider than a 400 px window`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: shot('i18n-admin-de-details-1280.png'), fullPage: true });
    await ctx.close();
  });

  it('Arabic turns the facilitator app right to left', async () => {
    const ar = catalogue('ar');
    const ctx = await room.browser.newContext({ locale: 'ar-EG', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(withLang(room.server.adminURL, 'ar'));
    await page.getByRole('heading', { name: ar['admin.home.title'] }).waitFor();
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    // Arabic's plural forms: one step is "خطوة واحدة", not "1 خطوة".
    await page.getByText('خطوة واحدة').waitFor();
    await page.screenshot({ path: shot('i18n-admin-ar-home-1280.png') });
    await page.getByRole('heading', { name: 'はじめての Go' }).click();
    await page.getByRole('heading', { name: ar['adminEditor.meta.heading'] }).waitFor();
    await page.screenshot({ path: shot('i18n-admin-ar-details-1280.png') });
    await ctx.close();
  });
});
