// comments.test.mjs: inline comments end to end. An attendee selects a
// sentence of a step by keyboard (a one-character selection made with the
// Selection API, widened with shift+arrows), tabs to "Comment" and sends it;
// the facilitator sees the thread beside the step in the editor and replies;
// the attendee sees the reply live; the facilitator resolves it; an edit of
// another paragraph (which even repeats the sentence) keeps the highlight on
// the right sentence; the facilitator reopens it and deletes the sentence in
// the editor, which detaches the thread (in the editor at once, for the
// attendee once saved). Real server, real Chromium. Screenshots go to
// test-output/.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminCall, makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';


const SENTENCE = 'It listens on port 8080.';
const P1 = 'Open a terminal window. Install the tools with the script.';
const P2 = `Run the server with make run. ${SENTENCE} Keep it running.`;
const P3 = 'Then open the page in a browser.';
const stepMd = (...ps) => ps.join('\n\n');

describe('inline comments', () => {
  const room = useRoom();
  let labId = '';
  const { pageErrors } = room;
  let ann, admin;

  // The audit row is written after the live event the pages react to and
  // before the answer: statusAnswer waits for the answer to a resolve or reopen.
  const statusAnswer = (verb) =>
    admin.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${verb}`));
  const annThread = () => ann.locator('[data-testid="comment-thread"]').first();
  const annMarks = () => ann.locator('.step-content mark.cmt-mark');

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'Comments workshop', is_public: true }, [
      { title: 'Set up', markdown: stepMd(P1, P2, P3), duration_minutes: 5 },
      { title: 'Build', markdown: 'Build it.', duration_minutes: 5 },
    ]);
    ann = await room.newPage({ viewport: { width: 1280, height: 900 } });
    await room.join(ann, labId, 'Ann', '/1');

    admin = await room.newPage({ viewport: { width: 1440, height: 900 } });
    await room.openAdmin(admin);
    // The dashboard's link form: the editor opens on the comment's step.
    await admin.goto(`${room.origin}/admin/#/codelabs/${labId}?step=1`);
    await admin.locator('[data-testid="step-threads"]').waitFor();
  });

  it('comments on a sentence selected by keyboard', async () => {
    // A click in the paragraph (where a keyboard user's caret would be, and
    // where Tab continues from), a one-character selection at the sentence's
    // start (Selection API), then shift+right arrow over the rest of it.
    await ann.locator('.step-content p', { hasText: SENTENCE }).click({ position: { x: 2, y: 2 } });
    await ann.evaluate((sentence) => {
      const p = [...document.querySelectorAll('.step-content p')].find((x) => x.textContent.includes(sentence));
      const node = p.firstChild;
      const at = node.data.indexOf(sentence);
      document.getSelection().setBaseAndExtent(node, at, node, at + 1);
    }, SENTENCE);
    for (let i = 1; i < SENTENCE.length; i++) await ann.keyboard.press('Shift+ArrowRight');
    assert.equal(await ann.evaluate(() => document.getSelection().toString()), SENTENCE);
    await ann.keyboard.press('Tab');
    assert.equal(await ann.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.outerHTML.slice(0, 120)), 'comment-button',
      'Tab from the selection reaches the Comment button');
    await ann.keyboard.press('Enter');
    const box = ann.locator('#comment-text');
    await box.waitFor();
    assert.equal(await ann.evaluate(() => document.activeElement?.id), 'comment-text');
    assert.equal((await ann.locator('[data-testid="comment-composer"] .quote').textContent()).trim(), SENTENCE);
    await ann.keyboard.type('Which port do I open in the firewall?');
    await ann.keyboard.press('Tab'); // Cancel
    await ann.keyboard.press('Tab'); // Send
    await ann.keyboard.press('Enter');

    await annThread().waitFor();
    assert.equal(await annMarks().count(), 1);
    assert.equal(await annMarks().first().textContent(), SENTENCE);
    assert.equal((await annThread().locator('[data-testid="thread-state"]').textContent()).trim(), 'Open');

    const list = await adminCall(room.server, 'GET', `/api/admin/codelabs/${labId}/comments`);
    assert.equal(list.threads.length, 1);
    assert.deepEqual(list.threads[0].quote.exact, SENTENCE);
    assert.ok(list.threads[0].quote.prefix.endsWith('Run the server with make run. '), `prefix ${list.threads[0].quote.prefix}`);
    assert.ok(list.threads[0].quote.suffix.startsWith(' Keep it running.'), `suffix ${list.threads[0].quote.suffix}`);
  });

  it('shows the thread beside the step in the editor; the reply reaches the attendee live', async () => {
    const panel = admin.locator('[data-testid="step-threads"]');
    const card = panel.locator('[data-testid="comment-thread"]');
    await card.waitFor(); // arrived live over the facilitator socket
    assert.match(await card.textContent(), /Which port do I open in the firewall\?/);
    await card.locator('textarea').fill('Port 8080, or start it with --addr.');
    await card.getByRole('button', { name: 'Reply' }).click();
    await annThread().locator('[data-testid="comment-message"]').nth(1).waitFor();
    assert.match(await annThread().locator('[data-testid="comment-message"]').nth(1).textContent(), /Facilitator.*Port 8080, or start it with --addr\./s);
    await admin.screenshot({ path: shot('comments-editor-panel.png') });
  });

  it('lists the open thread on the live dashboard with a link to its step', async () => {
    const dash = await admin.context().newPage();
    dash.on('pageerror', (e) => pageErrors.push(e.message));
    await dash.goto(`${room.origin}/admin/#/codelabs/${labId}/live`);
    const list = dash.locator('[data-testid="open-threads"]');
    await list.getByText(SENTENCE).waitFor();
    const link = list.getByRole('link', { name: 'Step 1 in the editor' });
    assert.equal(await link.getAttribute('href'), `#/codelabs/${labId}?step=1`);
    await list.scrollIntoViewIfNeeded();
    await list.screenshot({ path: shot('comments-dashboard.png') });
    await link.click();
    await dash.locator('[data-testid="step-threads"] [data-testid="comment-thread"]').waitFor();
    assert.equal(await dash.locator('#step-markdown-1').count(), 1, 'the link opens step 1 in the editor');
    await dash.close();
  });

  it('looks right in light, dark and at 400 px', async () => {
    await annMarks().first().scrollIntoViewIfNeeded();
    await ann.screenshot({ path: shot('comments-attendee-light.png') });
    await ann.emulateMedia({ colorScheme: 'dark' });
    await ann.screenshot({ path: shot('comments-attendee-dark.png') });
    await ann.emulateMedia({ colorScheme: 'light' });
    await ann.setViewportSize({ width: 400, height: 900 });
    await annThread().scrollIntoViewIfNeeded();
    const overflow = await ann.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 400px viewport`);
    await ann.screenshot({ path: shot('comments-attendee-400.png'), fullPage: true });
    await ann.setViewportSize({ width: 1280, height: 900 });
    // Arabic: the thread mirrors (its accent border moves to the right).
    await ann.goto(`${room.server.attendeeURL}?lang=ar#/codelabs/${labId}/1`);
    await annThread().waitFor();
    assert.equal(await ann.evaluate(() => document.documentElement.dir), 'rtl');
    const border = await annThread().evaluate((el) => getComputedStyle(el).borderRightWidth);
    assert.equal(border, '4px', 'the accent border is on the inline start, the right in Arabic');
    await ann.screenshot({ path: shot('comments-attendee-ar.png') });
    await ann.goto(`${room.server.attendeeURL}?lang=en#/codelabs/${labId}/1`);
    await annThread().waitFor();
  });

  it('resolves the thread; the attendee sees it live', async () => {
    const panel = admin.locator('[data-testid="step-threads"]');
    const answered = statusAnswer('resolve');
    await panel.getByRole('button', { name: 'Resolve' }).click();
    await answered;
    await panel.getByText('No open comments on this step.').waitFor();
    await ann.locator('[data-testid="thread-state"]', { hasText: 'Resolved' }).waitFor();
    assert.equal(await ann.locator('[data-testid="comment-thread"] textarea').count(), 0, 'a resolved thread has no reply box');
    const audit = await adminCall(room.server, 'GET', `/api/admin/audit?codelab=${labId}&format=json`);
    const rows = JSON.stringify(audit);
    assert.match(rows, /comment\.resolve/);
    assert.doesNotMatch(rows, /firewall|--addr/, 'no comment text in the audit log');
  });

  it('keeps the highlight on the right sentence after an edit of another paragraph', async () => {
    // The facilitator rewrites paragraph 1 in the editor; it now also
    // contains the quoted sentence, so only the context tells them apart.
    const md = admin.locator('textarea[name="step-markdown"]');
    await md.fill(stepMd(`First, install the tools with the script. ${SENTENCE}`, P2, P3));
    await ann.locator('.step-content p', { hasText: 'First, install the tools' }).waitFor();
    await ann.waitForFunction(() => document.querySelectorAll('.step-content mark.cmt-mark').length === 1);
    const where = await ann.evaluate(() => {
      const m = document.querySelector('.step-content mark.cmt-mark');
      return { text: m.textContent, paragraph: m.closest('p').textContent };
    });
    assert.equal(where.text, SENTENCE);
    assert.equal(where.paragraph, P2, 'the highlight stays in the paragraph it was made in');
  });

  it('reopens the thread, and deleting the sentence in the editor detaches it', async () => {
    const panel = admin.locator('[data-testid="step-threads"]');
    await panel.getByRole('button', { name: 'Show 1 resolved comment' }).click();
    const answered = statusAnswer('reopen');
    await panel.getByRole('button', { name: 'Reopen' }).click();
    await answered;
    await ann.locator('[data-testid="thread-state"]', { hasText: 'Open' }).waitFor();
    const card = panel.locator('[data-testid="comment-thread"]').first();
    assert.equal((await card.locator('[data-testid="thread-state"]').textContent()).trim(), 'Open');

    await admin.locator('textarea[name="step-markdown"]').fill(
      stepMd('First, install the tools with the script.', 'Run the server with make run. Keep it running.', P3),
    );
    // The editor warns while typing (its preview no longer holds the quote)…
    await card.locator('[data-testid="thread-state"]', { hasText: 'Detached' }).waitFor();
    // …and once saved, the attendee's thread is detached: listed, not highlighted.
    await ann.locator('[data-testid="thread-state"]', { hasText: 'Detached' }).waitFor();
    assert.equal(await annMarks().count(), 0, 'a detached thread is not highlighted anywhere');
    assert.equal(await annThread().locator('blockquote').textContent(), SENTENCE, 'it is still listed with its quote');
    await annThread().scrollIntoViewIfNeeded();
    await ann.screenshot({ path: shot('comments-attendee-detached.png') });
    await admin.screenshot({ path: shot('comments-editor-detached.png') });
    const audit = JSON.stringify(await adminCall(room.server, 'GET', `/api/admin/audit?codelab=${labId}&format=json`));
    assert.match(audit, /comment\.reopen/);
    assert.deepEqual(pageErrors, []);
  });
});
