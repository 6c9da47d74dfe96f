// i18n-dashboard.test.mjs: the facilitator's live dashboard in Traditional
// Chinese and in Arabic (right to left) while two attendees join, chat and ask
// for help, against the real server. Labels and counts must come from the
// catalogue (ICU plurals: Arabic's zero, one and two forms are all met on the
// way), no English label of the dashboard's namespaces may show, and the
// Arabic layout mirrors. Screenshots: zh-TW and ar at 1280 px, fr at 400 px.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { shot, useRoom } from './room.mjs';
import { makeCodelab } from './api-helpers.mjs';
import { readCatalogue } from './catalogue.mjs';

const NAMESPACES = ['adminLive', 'adminLoop'];
const FSI = '\u2068';
const PDI = '\u2069';

/** catalogue reads one locale's messages of the dashboard's namespaces as {"ns.key": text}. */
const catalogue = (locale) => readCatalogue(locale, NAMESPACES);
const en = catalogue('en');

/** fmt formats a catalogue message the way the app does (FormatJS ICU, in that locale). */
const fmt = (locale, cat, key, values) => {
  assert.ok(key in cat, `${locale} has ${key}`);
  return String(new IntlMessageFormat(cat[key], locale).format(values));
};

/** englishLeaks lists English labels of our namespaces shown on the page where the locale has its own text. */
async function englishLeaks(page, locale) {
  const cat = catalogue(locale);
  const english = Object.entries(en)
    .filter(([k, v]) => !v.includes('{') && cat[k] !== v && /\p{L}{2}/u.test(v))
    .map(([, v]) => v);
  const found = await page.evaluate(() => {
    const mine = '[data-testid="live-dashboard"], [data-testid="loop-settings"], [data-testid="quiz-editor"], [data-testid="guide-editor"]';
    const roots = [...document.querySelectorAll(mine), ...document.querySelectorAll('header a[href^="#/join/"], header a[href^="#/codelabs/"], header button')];
    const texts = [];
    for (const root of roots.filter(Boolean)) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.textContent.trim()) texts.push(n.textContent.trim());
        for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) texts.push(el.getAttribute(a).trim());
      }
    }
    return texts;
  });
  // A whole label, or an English sentence anywhere in a longer text.
  return english.filter((e) => found.some((t) => t === e || (e.length >= 16 && t.includes(e))));
}

describe('live dashboard in zh-TW and ar', () => {
  const room = useRoom();
  let labId = '';
  let origin = '';
  const { pageErrors } = room;
  const pages = {};
  let ada, lin;
  let adaId = '';

  /** dashboard opens the live dashboard forced to one language with ?lang=. */
  async function dashboard(locale, viewport) {
    const page = await room.newPage({ viewport });
    await page.goto(`${origin}/admin/?lang=${locale}#token=${room.server.token}`);
    // The pseudo-locale is English underneath (lang="en").
    await page.waitForFunction((l) => document.documentElement.lang === l, locale === 'en-XA' ? 'en' : locale);
    await page.evaluate((id) => (location.hash = `#/codelabs/${id}/live`), labId);
    await page.locator('[data-testid="live-dashboard"]').waitFor();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    return page;
  }

  /** stat waits for the header's "online · joined" line to read exactly the catalogue's text. */
  async function expectStat(locale, online, joined) {
    const want = fmt(locale, catalogue(locale), 'adminLive.stat', { online, joined });
    await pages[locale].locator('[data-testid="live-stat"]', { hasText: want }).waitFor();
    assert.equal(await pages[locale].locator('[data-testid="live-stat"]').textContent(), want);
    return want;
  }

  async function register(page, name) {
    await page.goto(`${room.server.attendeeURL}?lang=en#/codelabs/${labId}`);
    await page.locator('input[name="attendee-name"]').fill(name);
    await page.locator('input[name="attendee-name"]').press('Enter');
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    return page.evaluate((k) => JSON.parse(localStorage.getItem(k)).id, `ocl.attendee.${labId}`);
  }

  async function say(page, text) {
    if ((await page.locator('textarea[name="chat-text"]').count()) === 0) await page.locator('[data-testid="chat-toggle"]').click();
    await page.locator('textarea[name="chat-text"]').fill(text);
    await page.locator('textarea[name="chat-text"]').press('Enter');
  }
  const chatLine = (page, text) => page.locator('[data-testid="chat-line"]', { hasText: text });

  before(async () => {
    origin = room.origin;
    labId = await makeCodelab(room.server, { title: 'Go workshop', is_public: true }, [
      { title: 'Install Go', markdown: 'Download Go.', duration_minutes: 5 },
      { title: 'Hello world', markdown: 'Write `main.go`.', duration_minutes: 10 },
      { title: 'Handlers', markdown: 'Add a route.', duration_minutes: 10 },
    ]);
    pages['zh-TW'] = await dashboard('zh-TW', { width: 1280, height: 900 });
    pages.ar = await dashboard('ar', { width: 1280, height: 900 });
  });

  it('counts attendees as they join with the language plural forms (Arabic zero, one, two)', async () => {
    await expectStat('zh-TW', 0, 0);
    assert.match(await expectStat('ar', 0, 0), /لا أحد متصل/);
    ada = await room.newPage({ viewport: { width: 1024, height: 800 } });
    adaId = await register(ada, 'Ada');
    await expectStat('zh-TW', 1, 1);
    assert.match(await expectStat('ar', 1, 1), /متصل واحد/);
    lin = await room.newPage({ viewport: { width: 1024, height: 800 } });
    await register(lin, 'Lin 林');
    assert.equal(await expectStat('zh-TW', 2, 2), '2 人在線上 · 2 人已加入');
    assert.equal(await expectStat('ar', 2, 2), 'متصلان · منضمان');
  });

  it('labels the panels and the per-attendee buttons from the catalogue', async () => {
    for (const locale of ['zh-TW', 'ar']) {
      const page = pages[locale];
      const cat = catalogue(locale);
      for (const key of ['adminLive.attendees.title', 'adminLive.helpQueue.title', 'adminLive.histogram.title', 'adminLive.sessions.title']) {
        await page.getByRole('heading', { name: fmt(locale, cat, key) }).first().waitFor();
      }
      const row = page.locator(`[data-testid="attendee-row"][data-id="${adaId}"]`);
      const dm = row.getByTestId('dm-attendee');
      assert.equal(await dm.getAttribute('aria-label'), fmt(locale, cat, 'adminLive.dm.label', { name: `${FSI}Ada${PDI}` }));
      assert.equal((await dm.textContent()).trim(), fmt(locale, cat, 'adminLive.dm'));
      // Online is said in text, not only by the dot.
      assert.equal(await row.locator('.visually-hidden').first().textContent(), fmt(locale, cat, 'adminLive.attendees.online'));
      // The histogram names how many are on step 1 with the plural form.
      const bar = page.locator('[data-testid="hist-step-1"]');
      assert.equal(
        await bar.getAttribute('title'),
        fmt(locale, cat, 'adminLive.histogram.bar', { step: 1, title: `${FSI}Install Go${PDI}`, count: 2 }),
      );
    }
    assert.match(await pages.ar.locator('[data-testid="hist-step-1"]').getAttribute('title'), /مشاركان$/);
  });

  it('shows the room chat and the help queue in the dashboard language', async () => {
    await say(ada, 'Hello from Ada');
    for (const page of Object.values(pages)) await chatLine(page, 'Hello from Ada').waitFor();

    await ada.locator('[data-testid="help"] button').first().click();
    await ada.locator('[data-testid="help"][data-status="waiting"]').waitFor();
    await lin.locator('[data-testid="help"] button').first().click();
    await lin.locator('[data-testid="help"][data-status="waiting"]').waitFor();

    const waits = {
      'zh-TW': /^步驟 1 · 已等待 \p{Nd}+ 秒$/u,
      ar: /^الخطوة \p{Nd}+ · ينتظر منذ \p{Nd}+ ث$/u,
    };
    for (const [locale, page] of Object.entries(pages)) {
      const cat = catalogue(locale);
      await page.locator('[data-testid="help-item"]').nth(1).waitFor();
      const item = page.locator(`[data-testid="help-item"][data-attendee="${adaId}"]`);
      assert.match((await item.locator('.meta').textContent()).trim(), waits[locale]);
      const resolve = item.getByRole('button', { name: fmt(locale, cat, 'adminLive.helpQueue.resolve') });
      assert.equal(await resolve.getAttribute('aria-label'), fmt(locale, cat, 'adminLive.helpQueue.resolveLabel', { name: `${FSI}Ada${PDI}` }));
      // The toast that came with the request, in this language.
      await page.getByText(fmt(locale, cat, 'adminLive.help.toast', { name: `${FSI}Ada${PDI}`, step: 1 })).waitFor();
    }
  });

  it('opens a direct message thread, and counts unread room messages in words', async () => {
    const zh = pages['zh-TW'];
    const zhCat = catalogue('zh-TW');
    await zh.locator(`[data-testid="attendee-row"][data-id="${adaId}"]`).getByTestId('dm-attendee').click();
    const box = zh.locator('[data-testid="live-dashboard"] textarea[name="chat-text"]');
    assert.equal(await box.getAttribute('placeholder'), fmt('zh-TW', zhCat, 'adminLive.chat.placeholderDm', { name: `${FSI}Ada${PDI}` }));
    await zh.getByText(fmt('zh-TW', zhCat, 'adminLive.chat.emptyDm', { name: `${FSI}Ada${PDI}` })).waitFor();
    await box.fill('需要幫忙嗎？');
    await box.press('Enter');
    await chatLine(zh, '需要幫忙嗎？').waitFor(); // the facilitator's thread shows it
    await ada.locator('[data-testid="unread-dm"]').waitFor(); // and it reached Ada as a direct message

    const ar = pages.ar;
    const arCat = catalogue('ar');
    await ar.locator(`[data-testid="attendee-row"][data-id="${adaId}"]`).getByTestId('dm-attendee').click();
    await ar.locator(`[data-testid="admin-chat-log"][data-thread="${adaId}"]`).waitFor();
    await say(lin, 'Lin in the room');
    const unread = fmt('ar', arCat, 'adminLive.unread', { count: 1 });
    assert.equal(unread, 'رسالة واحدة غير مقروءة');
    await ar.locator('.threads .visually-hidden', { hasText: unread }).waitFor();
  });

  it('mirrors the Arabic layout and shows no English label of its namespaces', async () => {
    const ar = pages.ar;
    assert.equal(await ar.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await ar.evaluate(() => document.documentElement.lang), 'ar');
    assert.equal(await pages['zh-TW'].evaluate(() => document.documentElement.dir), 'ltr');
    // The side column (help queue, chat) sits on the left in Arabic, on the right in Chinese.
    const side = async (p) => (await p.locator('.col-side').boundingBox()).x < (await p.locator('.col-main').boundingBox()).x;
    assert.equal(await side(ar), true, 'the side column is on the left in Arabic');
    assert.equal(await side(pages['zh-TW']), false, 'the side column is on the right in Chinese');
    // Table headers start on the right.
    const th = await ar.locator('[data-testid="attendee-table"] th').first().evaluate((el) => {
      const cell = el.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      return { cellRight: cell.right, textRight: text.right, cellLeft: cell.left, textLeft: text.left };
    });
    assert.ok(th.cellRight - th.textRight < th.textLeft - th.cellLeft, `header text hugs the right edge: ${JSON.stringify(th)}`);

    for (const [locale, page] of Object.entries(pages)) {
      assert.deepEqual(await englishLeaks(page, locale), [], `${locale}: English labels on the dashboard`);
      const body = await page.locator('body').innerText();
      assert.doesNotMatch(body, /\b(adminLive|adminLoop|errors)\.[a-zA-Z]/, `${locale}: a raw message key shows`);
    }
    await pages['zh-TW'].screenshot({ path: shot('i18n-dashboard-zh-TW-1280.png'), fullPage: true });
    await ar.screenshot({ path: shot('i18n-dashboard-ar-1280.png'), fullPage: true });
  });

  it('writes the quiz and the completion rules in Arabic, with the editor checks in Arabic', async () => {
    const ar = pages.ar;
    const cat = catalogue('ar');
    await ar.evaluate((id) => (location.hash = `#/codelabs/${id}`), labId);
    await ar.locator('[data-testid="loop-settings"]').waitFor();
    await ar.getByRole('heading', { name: fmt('ar', cat, 'adminLoop.settings.title') }).waitFor();
    await ar.getByLabel(fmt('ar', cat, 'adminLoop.settings.fileMb'), { exact: true }).fill('500');
    await ar.locator('[data-testid="loop-settings"] .warn', { hasText: fmt('ar', cat, 'adminLoop.settings.fileProblem') }).waitFor();
    await ar.getByLabel(fmt('ar', cat, 'adminLoop.settings.fileMb'), { exact: true }).fill('10');

    await ar.getByRole('button', { name: fmt('ar', cat, 'adminLoop.nav.quiz') }).click();
    await ar.locator('[data-testid="quiz-editor"]').waitFor();
    await ar.getByRole('button', { name: fmt('ar', cat, 'adminLoop.quiz.addSingle') }).click();
    const q = ar.locator('[data-testid="question-editor"]').first();
    // The reason a question is not saved yet is said in Arabic.
    await q.locator('.warn', { hasText: fmt('ar', cat, 'adminLoop.problem.prompt') }).waitFor();
    await q.getByRole('textbox', { name: fmt('ar', cat, 'adminLoop.question.prompt', { n: 1 }), exact: true }).fill('ما الأمر الذي يشغّل البرنامج؟');
    await q.locator('.warn', { hasText: fmt('ar', cat, 'adminLoop.problem.emptyOption') }).waitFor();
    await q.getByRole('textbox', { name: fmt('ar', cat, 'adminLoop.question.option', { n: 1 }), exact: true }).fill('go run');
    await q.getByRole('textbox', { name: fmt('ar', cat, 'adminLoop.question.option', { n: 2 }), exact: true }).fill('go vet');
    await q.locator('.warn', { hasText: fmt('ar', cat, 'adminLoop.problem.noAnswer') }).waitFor();
    await q.getByRole('radio', { name: fmt('ar', cat, 'adminLoop.question.optionRight', { n: 1 }) }).check();
    await q.locator('.warn').waitFor({ state: 'detached' });
    await ar.locator('[data-testid="quiz-editor"] [data-testid="loop-save-status"].saved').waitFor();
    // Authored Arabic text runs right to left in its box; the option "go run" keeps its own direction.
    assert.equal(await q.locator('textarea[name="question-prompt"]').getAttribute('dir'), 'auto');
    assert.deepEqual(await englishLeaks(ar, 'ar'), []);
    await ar.screenshot({ path: shot('i18n-quiz-editor-ar-1280.png'), fullPage: true });
    await ar.evaluate((id) => (location.hash = `#/codelabs/${id}/live`), labId);
    await ar.locator('[data-testid="live-dashboard"]').waitFor();
  });

  it('clips no button or heading in the 40 % longer pseudo-locale', async () => {
    const xa = await dashboard('en-XA', { width: 1280, height: 900 });
    await xa.locator('[data-testid="help-item"]').nth(1).waitFor();
    const clipped = await xa.evaluate(() =>
      [...document.querySelectorAll('[data-testid="live-dashboard"] :is(button, a.btn, h2, th, label, legend)')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map((el) => el.textContent.trim()),
    );
    assert.deepEqual(clipped, []);
    await xa.screenshot({ path: shot('i18n-dashboard-pseudo-1280.png'), fullPage: true });
    await xa.context().close();
  });

  it('fits a 400 px window in French', async () => {
    const fr = await dashboard('fr', { width: 400, height: 900 });
    pages.fr = fr;
    assert.equal(await expectStat('fr', 2, 2), '2 en ligne · 2 inscrits');
    await fr.locator('[data-testid="help-item"]').nth(1).waitFor();
    const main = await fr.locator('[data-testid="live-dashboard"]').boundingBox();
    assert.ok(main.x >= 0 && main.x + main.width <= 400, `the dashboard fits 400 px: ${JSON.stringify(main)}`);
    // Every row's buttons stay on screen, without scrolling the table sideways.
    for (const button of await fr.locator('[data-testid="attendee-row"] button').all()) {
      const b = await button.boundingBox();
      assert.ok(b.x >= 0 && b.x + b.width <= 400, `${await button.textContent()} is cut off: ${JSON.stringify(b)}`);
    }
    assert.deepEqual(await englishLeaks(fr, 'fr'), [], 'fr: English labels on the dashboard');
    await fr.screenshot({ path: shot('i18n-dashboard-fr-400.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
