// search.test.mjs: the attendee landing page finds codelabs by words in any
// script — a Korean word inside an unspaced title, Arabic typed without its
// vowel marks — and says so when nothing matches.
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
});
