// i18n-attendee.test.mjs: the attendee app in the reader's language (issue #11),
// in Chromium against the real server. A browser set to Korean gets Korean on
// every screen of the main flow (landing, join, a step, Next, chat, help) and
// none of the English labels of the attendee's namespaces; the language picker
// switches to Japanese and back, and a pick survives a reload and wins over the
// browser's language; ?lang=ar lays the page out right to left.
// The expected words come from the catalogue files, never from this test.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';
import { readCatalogue } from './catalogue.mjs';

const NAMESPACES = ['common', 'attendee', 'attLoop'];

/** catalogue reads one language's attendee-side messages as {"ns.key": text}. */
const catalogue = (locale) => readCatalogue(locale, NAMESPACES);

const en = catalogue('en');
const ko = catalogue('ko');
const ja = catalogue('ja');
const ar = catalogue('ar');
const fmt = (cat, locale, key, values) => String(new IntlMessageFormat(cat[key], locale).format(values));

/**
 * englishProbes are the English texts that must not show in Korean: every
 * message that Korean words differently, cut at its placeholders, keeping the
 * literal parts that carry at least one word of four letters.
 */
const englishProbes = [
  ...new Set(
    Object.keys(en)
      .filter((k) => ko[k] !== en[k])
      .flatMap((k) => en[k].split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/))
      .map((s) => s.replace(/[←→✓✗·—()#:.,!?“”]/g, ' ').trim())
      .filter((s) => /\p{L}{4}/u.test(s)),
  ),
];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const STEPS = [
  { title: '준비하기', markdown: '도구를 설치합니다.', duration_minutes: 10 },
  { title: '첫 프로그램', markdown: '`main.go` 파일을 만듭니다.', duration_minutes: 15 },
  { title: '배포', markdown: '서버에 올립니다.', duration_minutes: 5 },
];

describe('attendee app in the reader’s language (issue #11)', () => {
  const room = useRoom();
  let id = '';
  const errors = room.pageErrors;

  /** newPage is a page (1280×800 unless opts say otherwise) and its context. */
  async function newPage(opts = {}) {
    const page = await room.newPage({ viewport: { width: 1280, height: 800 }, ...opts });
    return { ctx: page.context(), page };
  }

  /** visibleText is what a person reads or hears: the text, the labels and the title. */
  const visibleText = (page) =>
    page.evaluate(() => {
      const out = [document.title, document.body.innerText];
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(a);
          if (v) out.push(v);
        }
      }
      return out.join('\n');
    });

  async function assertNoEnglish(page, screen) {
    const text = await visibleText(page);
    const found = englishProbes.filter((p) => new RegExp(`(^|[^\\p{L}])${escape(p)}($|[^\\p{L}])`, 'u').test(text));
    assert.deepEqual(found, [], `English labels on the Korean ${screen} screen`);
  }

  before(async () => {
    id = await makeCodelab(room.server, { title: 'Go 웹 서버 만들기', description: '한 시간 실습', is_public: true }, STEPS);
  });

  it('a Korean browser reads, joins, moves on, chats and asks for help in Korean', async () => {
    const { ctx, page } = await newPage({ locale: 'ko-KR', viewport: { width: 320, height: 720 } });

    // Landing page.
    await page.goto(room.server.attendeeURL);
    await page.getByRole('heading', { level: 1, name: ko['attendee.list.title'] }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    await page.getByText(ko['attendee.list.lead']).waitFor();
    await page.getByText(fmt(ko, 'ko', 'attendee.list.steps', { count: 3 })).waitFor();
    await assertNoEnglish(page, 'landing');
    // The picker is in the header and reachable by keyboard.
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.tagName === 'SELECT');
    }
    assert.ok(reached, 'Tab reaches the language picker from the top of the landing page');
    assert.equal(await page.getByLabel(ko['common.language']).inputValue(), 'ko');
    await page.screenshot({ path: shot('i18n-ko-landing-320.png'), fullPage: true });

    // Join.
    await page.getByRole('link', { name: /Go 웹 서버 만들기/ }).click();
    await page.getByText(ko['attendee.register.lead']).waitFor();
    await page.getByLabel(ko['attendee.register.name']).fill('Ada');
    await page.getByRole('button', { name: ko['attendee.register.join'], exact: true }).click();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    assert.equal(await page.getByTestId('connection').innerText(), ko['common.connection.online']);

    // A step, then Next.
    await page.getByRole('heading', { level: 2, name: fmt(ko, 'ko', 'attendee.step.heading', { number: 1, title: '준비하기' }) }).waitFor();
    await page.getByText(fmt(ko, 'ko', 'attendee.page.remaining', { time: fmt(ko, 'ko', 'common.duration.minutes', { minutes: 30 }) })).waitFor();
    await assertNoEnglish(page, 'step');
    await page.getByRole('button', { name: ko['attendee.nav.next'] }).click();
    await page.getByRole('heading', { level: 2, name: fmt(ko, 'ko', 'attendee.step.heading', { number: 2, title: '첫 프로그램' }) }).waitFor();
    await page.getByText(fmt(ko, 'ko', 'attendee.toc.stepOf', { number: 2, count: 3 })).waitFor();
    await page.screenshot({ path: shot('i18n-ko-step-320.png'), fullPage: true });

    // Chat.
    await page.getByTestId('chat-toggle').click();
    const panel = page.getByTestId('chat-panel');
    await panel.waitFor();
    await panel.getByRole('tab', { name: ko['attendee.chat.everyone'] }).waitFor();
    await panel.getByText(ko['attendee.chat.roomEmpty']).waitFor();
    const box = panel.getByRole('textbox', { name: ko['attendee.chat.roomPlaceholder'] });
    await box.fill('안녕하세요, 모두!');
    await box.press('Enter');
    const line = panel.locator('[data-testid="chat-line"]:not(.pending)', { hasText: '안녕하세요, 모두!' });
    await line.waitFor();
    assert.match(await line.innerText(), new RegExp(`^${escape(ko['common.chat.you'])}`));
    await assertNoEnglish(page, 'chat');
    await page.screenshot({ path: shot('i18n-ko-chat-320.png') });
    await panel.getByRole('button', { name: ko['attendee.chat.close'] }).click();
    await panel.waitFor({ state: 'detached' });

    // Help.
    await page.getByRole('button', { name: ko['attendee.help.ask'] }).click();
    const help = page.locator('[data-testid="help"][data-status="waiting"]');
    await help.waitFor();
    assert.match(await help.innerText(), new RegExp(escape(fmt(ko, 'ko', 'attendee.help.waiting', { step: 2, position: 1 }))));
    await assertNoEnglish(page, 'help');
    await page.screenshot({ path: shot('i18n-ko-help-320.png'), fullPage: true });

    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('the picker switches to Japanese and back, and a pick survives a reload over the browser language', async () => {
    const { ctx, page } = await newPage({ locale: 'ko-KR' });
    await page.goto(`${room.server.attendeeURL}#/codelabs/${id}/1`);
    const joinButton = (cat) => page.getByRole('button', { name: cat['attendee.register.join'], exact: true });
    await joinButton(ko).waitFor();

    await page.getByLabel(ko['common.language']).selectOption('ja');
    await joinButton(ja).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    await page.getByText(ja['attendee.register.lead']).waitFor();

    await page.getByLabel(ja['common.language']).selectOption('ko');
    await joinButton(ko).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');

    await page.getByLabel(ko['common.language']).selectOption('ja');
    await joinButton(ja).waitFor();
    await page.reload();
    await joinButton(ja).waitFor();
    assert.equal(await page.getByLabel(ja['common.language']).inputValue(), 'ja');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja', 'the own pick wins over a Korean browser');
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('the workshop default set by the facilitator beats the browser, and the own pick beats it', async (t) => {
    // codelab.language arrives with the facilitator's language setting; before that server change this is skipped.
    let labId = '';
    try {
      labId = await makeCodelab(room.server, { title: '日本語のラボ', is_public: true, language: 'ja' }, STEPS.slice(0, 1));
    } catch {
      labId = '';
    }
    const stored = labId ? await (await fetch(`${room.server.attendeeURL}api/codelabs/${labId}`)).json() : null;
    if (stored?.language !== 'ja') {
      t.skip('this server does not store a codelab language yet');
      return;
    }
    const { ctx, page } = await newPage({ locale: 'ko-KR' });
    await page.goto(`${room.server.attendeeURL}#/codelabs/${labId}/1`);
    await page.getByRole('button', { name: ja['attendee.register.join'], exact: true }).waitFor();
    await page.getByLabel(ja['common.language']).selectOption('ko');
    await page.reload();
    await page.getByRole('button', { name: ko['attendee.register.join'], exact: true }).waitFor();
    await ctx.close();
  });

  it('?lang=ar lays the page out right to left, in Arabic', async () => {
    const { ctx, page } = await newPage({ locale: 'en-US' });
    await page.goto(`${room.server.attendeeURL}?lang=ar#/codelabs/${id}/1`);
    await page.getByRole('button', { name: ar['attendee.register.join'], exact: true }).waitFor();
    assert.deepEqual(
      await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]),
      ['rtl', 'ar'],
    );
    await page.getByText(fmt(ar, 'ar', 'attendee.toc.stepOf', { number: 1, count: 3 })).first().waitFor({ state: 'attached' });
    await page.screenshot({ path: shot('i18n-ar-step-1280.png'), fullPage: true });
    await page.goto(`${room.server.attendeeURL}?lang=ar#/`);
    await page.getByRole('heading', { level: 1, name: ar['attendee.list.title'] }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.screenshot({ path: shot('i18n-ar-landing-1280.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
