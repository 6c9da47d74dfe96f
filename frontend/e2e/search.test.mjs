// search.test.mjs: the attendee landing page finds codelabs by words in any
// script — a Korean word inside an unspaced title, Arabic typed without its
// vowel marks — and says so when nothing matches. It also holds the first
// page's size budget (bytes on the wire are deterministic for a build).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeCodelab } from './api-helpers.mjs';
import { useRoom } from './room.mjs';

describe('codelab search', () => {
  const room = useRoom();

  before(async () => {
    const step = [{ title: '1', markdown: 'x' }];
    for (const title of ['쿠버네티스에 배포하기', 'Goでコンテナを作る', 'مُقَدِّمَة في البرمجة', 'Build a REST API'])
      await makeCodelab(room.server, { title, is_public: true }, step);
  });

  it('matches inside CJK titles and ignores Arabic vowel marks', async () => {
    const page = await (await room.browser.newContext()).newPage();
    await page.goto(room.server.attendeeURL);
    const cards = page.locator('ul.grid > li');
    await cards.nth(3).waitFor();
    const titles = async () => (await cards.allInnerTexts()).map((t) => t.split('\n')[0]);
    await page.locator('[data-testid="codelab-search"]').fill('쿠버');
    await page.waitForFunction(() => document.querySelectorAll('ul.grid > li').length === 1);
    assert.match((await titles())[0], /쿠버네티스/);
    await page.locator('[data-testid="codelab-search"]').fill('コンテナ');
    await page.waitForFunction(() => document.querySelectorAll('ul.grid > li').length === 1);
    assert.match((await titles())[0], /コンテナ/);
    await page.locator('[data-testid="codelab-search"]').fill('مقدمة');
    await page.waitForFunction(() => document.querySelectorAll('ul.grid > li').length === 1);
    assert.match((await titles())[0], /البرمجة/);
    await page.locator('[data-testid="codelab-search"]').fill('python');
    await page.locator('p.empty[role="status"]').waitFor();
    assert.equal(await cards.count(), 0);
  });

  // The first page on a crowded room network: a fresh profile loads the list
  // of codelabs for under 60 KB on the wire (CDP encodedDataLength: headers and
  // compressed bodies), none of the workshop's code or messages; opening a
  // codelab then loads them and its words are all in place.
  it('keeps the first page under 60 KB on the wire and loads the workshop on demand', async () => {
    const ctx = await room.browser.newContext();
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map();
    let bytes = 0;
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await page.goto(room.server.attendeeURL, { waitUntil: 'networkidle' });
    await page.locator('ul.grid > li').nth(3).waitFor();
    const first = [...urls.values()];
    assert.ok(bytes > 10_000 && bytes < 60_000, `first page: ${bytes} bytes on the wire (${first.join(' ')})`);
    const workshop = (u) => /^\/assets\/(workshop|CodelabPage|[\w-]+\.workshop)-/.test(u);
    assert.deepEqual(first.filter(workshop), [], 'the list loads no workshop chunk');

    await page.locator('ul.grid > li a').first().click();
    await page.locator('main h2').first().waitFor();
    const later = [...urls.values()].slice(first.length);
    assert.ok(later.some((u) => /^\/assets\/CodelabPage-/.test(u)), `codelab page chunk loaded: ${later.join(' ')}`);
    assert.ok(later.some((u) => /^\/assets\/en\.workshop-/.test(u)), `workshop messages loaded: ${later.join(' ')}`);
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, /\b(attLoop|comments|polls|helpers|attendee|common)\.[a-z]/, 'no message key shows');
    await ctx.close();
  });

  // Opened by a link, and from the list with a workshop language of its own
  // (switching the messages mid-route once re-ran the page and fetched it twice).
  for (const [how, language] of [['by a link', undefined], ['from the list, in its own language', 'fr']])
    it(`fetches a codelab once, not again on every step change (${how})`, async () => {
      const title = `Three steps ${language ?? 'en'}`;
      const id = await makeCodelab(room.server, { title, is_public: true, language },
        [1, 2, 3].map((n) => ({ title: `Part ${n}`, markdown: `Text ${n}` })));
      const ctx = await room.browser.newContext();
      // Counted in the page, where the request starts: nothing in flight is missed.
      await ctx.addInitScript(() => {
        const calls = (window.__apiCalls = []);
        const f = window.fetch;
        window.fetch = (input, init) => (calls.push(new URL(String(input instanceof Request ? input.url : input), location.href).pathname), f(input, init));
      });
      const page = await ctx.newPage();
      if (language) {
        await page.goto(room.server.attendeeURL);
        await page.locator('ul.grid > li a', { hasText: title }).click();
      } else await page.goto(`${room.server.attendeeURL}#/codelabs/${id}`);
      await page.locator('main h2', { hasText: 'Part 1' }).waitFor();
      for (const n of [2, 3]) {
        await page.locator('main button[data-testid="next-step"]').click();
        await page.locator('main h2', { hasText: `Part ${n}` }).waitFor();
      }
      const calls = await page.evaluate(() => window.__apiCalls);
      const count = (path) => calls.filter((c) => c === path).length;
      assert.equal(count(`/api/codelabs/${id}`), 1, `codelab fetched once: ${calls.join(' ')}`);
      assert.equal(count(`/api/codelabs/${id}/guide`), 1, `guide fetched once: ${calls.join(' ')}`);
      assert.equal(count(`/api/codelabs/${id}/materials`), 1, `materials fetched once: ${calls.join(' ')}`);
      await ctx.close();
    });

  it('says so when a page cannot be fetched, and Try again loads it', async () => {
    const ctx = await room.browser.newContext();
    const page = await ctx.newPage();
    await page.route(/\/assets\/CodelabPage-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto(room.server.attendeeURL);
    await page.locator('ul.grid > li a').first().click();
    const alert = page.locator('main [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Cannot reach the server/);
    await page.unroute(/\/assets\/CodelabPage-[\w-]+\.js$/);
    await alert.getByRole('button').click();
    await page.locator('main h2').first().waitFor();
    assert.equal(await page.locator('main [role="alert"]').count(), 0);
    await ctx.close();
  });
});
