// keyboard.test.mjs: whole flows with the keyboard alone (keyboard.press and
// typing, never a click), in Chromium against the real server. An attendee
// joins, reads on with Next, chats and asks for help; a facilitator creates a
// codelab, writes a step with Tab-indented markdown and publishes it. Focus
// lands on the new content each time (the joined bar, the next step's heading,
// the chat box, back on the Chat button).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { adminURL, attendeeURL, shot, useWorkshop } from './a11y-kit.mjs';

/** focused describes document.activeElement: tag, name, testid, text. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const d = el.getAttribute('data-testid') ?? '';
    return `${el.tagName.toLowerCase()}[name=${el.getAttribute('name') ?? ''}][testid=${d}] ${(el.textContent ?? '').trim().slice(0, 40)}`;
  });
}

/** isFocused tells whether the focused element matches a CSS selector. */
function isFocused(page, selector) {
  return page.evaluate((s) => !!document.activeElement?.matches(s), selector);
}

/**
 * tabTo presses Tab (Shift+Tab when back) until the selector is focused; it
 * fails after max presses. In the markdown editor, where Tab indents, it
 * presses Esc first, as a person would.
 */
async function tabTo(page, selector, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(page, 'textarea[name="step-markdown"]')) await page.keyboard.press('Escape');
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await isFocused(page, selector)) return;
  }
  assert.fail(`Tab never reached ${selector}; focus is on ${await focused(page)}`);
}

describe('keyboard only', () => {
  const room = useWorkshop();

  it('an attendee skips to the content, joins, reads on, chats and asks for help', async () => {
    const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    try {
      await page.goto(attendeeURL(room.server, `#/codelabs/${room.id}/1`));
      await page.locator('input[name="attendee-name"]').waitFor();
      // The first Tab stop is the skip link; it moves focus to <main>.
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(page, '[data-testid="skip-link"]'), `first Tab: got ${await focused(page)}`);
      await page.keyboard.press('Enter');
      assert.ok(await isFocused(page, 'main'), `after the skip link: got ${await focused(page)}`);

      // Join: focus goes to the live bar that replaced the form.
      await tabTo(page, 'input[name="attendee-name"]', { back: true });
      await page.keyboard.type('Kim');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
      assert.ok(await isFocused(page, '[data-testid="live-bar"]'), `after joining: got ${await focused(page)}`);

      // Next: focus goes to the new step's heading.
      await tabTo(page, '.nav .btn.primary');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/codelabs\/[^/]+\/2$/);
      await page.locator('[data-step-heading]', { hasText: '2. Hello world' }).waitFor();
      assert.ok(await isFocused(page, '[data-step-heading]'), `after Next: got ${await focused(page)}`);
      assert.match(await focused(page), /2\. Hello world/);

      // Chat: opening focuses the message box; Enter sends; Esc closes and focus returns to Chat.
      await tabTo(page, '[data-testid="chat-toggle"]', { back: true });
      assert.equal(await page.locator('[data-testid="chat-toggle"]').getAttribute('aria-expanded'), 'false');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="chat-panel"]').waitFor();
      assert.ok(await isFocused(page, '[data-testid="chat-panel"] textarea'), `after opening chat: got ${await focused(page)}`);
      await page.keyboard.type('Hello from the keyboard');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="chat-panel"]', { hasText: 'Hello from the keyboard' }).waitFor();
      await page.screenshot({ path: shot('keyboard-chat.png') });
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="chat-panel"]').waitFor({ state: 'detached' });
      assert.ok(await isFocused(page, '[data-testid="chat-toggle"]'), `after closing chat: got ${await focused(page)}`);

      // Ask for help: the request waits in the queue.
      await tabTo(page, '[data-testid="help"] button', { back: true });
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="help"][data-status="waiting"]').waitFor();
      const queue = await adminFetch(room.server, `/api/admin/codelabs/${room.id}/help`);
      assert.deepEqual(queue.map((h) => [h.attendee.name, h.step]), [['Kim', 2]]);
    } finally {
      await ctx.close();
    }
  });

  it('a facilitator creates a codelab, writes a step with Tab indents and publishes it', async () => {
    const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    try {
      await page.goto(adminURL(room.server, '#/', '', true));
      await page.locator('main.home').waitFor();
      await tabTo(page, 'main.home .btn.primary, header .btn.primary');
      await page.keyboard.press('Enter');
      assert.ok(await isFocused(page, 'input[name="title"]'), `the new codelab form: got ${await focused(page)}`);
      await page.keyboard.type('Typed by keyboard');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/codelabs\/[^/]+$/);
      const newId = decodeURIComponent(new URL(page.url()).hash.replace('#/codelabs/', ''));

      // Add a step: focus goes to its title.
      await tabTo(page, '.list .heading .btn.small', { max: 80 });
      await page.keyboard.press('Enter');
      assert.ok(await isFocused(page, 'input[name="step-title"]'), `after Add step: got ${await focused(page)}`);
      await page.keyboard.type('First steps');
      await tabTo(page, 'textarea[name="step-markdown"]');
      await page.keyboard.type('- one');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab'); // indents instead of leaving
      await page.keyboard.type('- nested');
      assert.ok(await isFocused(page, 'textarea[name="step-markdown"]'), 'Tab stays in the editor');
      assert.equal(await page.locator('textarea[name="step-markdown"]').inputValue(), '- one\n  - nested');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.locator('textarea[name="step-markdown"]').inputValue(), '- one\n- nested');
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      assert.equal(await page.locator('textarea[name="step-markdown"]').inputValue(), '- one\n  - nested');
      // Esc, then Tab: leave the editor.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert.equal(await isFocused(page, 'textarea[name="step-markdown"]'), false, `Esc then Tab must leave; focus is on ${await focused(page)}`);
      await page.screenshot({ path: shot('keyboard-editor.png') });

      // Publish: the Public switch, by Space, in the codelab details.
      await tabTo(page, '.list .item.details', { back: true, max: 80 });
      await page.keyboard.press('Enter');
      await tabTo(page, 'input[name="is_public"]', { max: 80 });
      await page.keyboard.press('Space');
      await page.locator('[data-testid="save-status"].saved').first().waitFor();
      const saved = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(newId)}`);
      assert.equal(saved.is_public, true);
      assert.deepEqual(saved.steps.map((s) => [s.title, s.markdown]), [['First steps', '- one\n  - nested']]);
      const pub = await (await fetch(`${room.server.attendeeURL}api/codelabs`)).json();
      assert.ok(pub.some((c) => c.id === newId), 'the codelab is in the public list');
    } finally {
      await ctx.close();
    }
  });
});
