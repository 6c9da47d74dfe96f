// workshop-loop.test.mjs: the whole loop in real Chromium against the real
// server — an attendee reads the guide, passes a step checkpoint, fails then
// passes the final quiz, gives feedback, hands in a file, finishes, opens,
// prints and verifies the certificate; the facilitator writes the guide and
// the completion rules in the editor, sees each step live on the dashboard,
// downloads the hand-ins as one ZIP and draws a raffle winner that the
// projector's join screen shows big.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { adminFetch } from './server.mjs';
import { useRoom } from './room.mjs';
import { adminCall, makeCodelab } from './api-helpers.mjs';

const outDir = resolve(import.meta.dirname, '..', '..', process.env.OUT ?? 'test-output');
mkdirSync(outDir, { recursive: true });
const shot = (name) => resolve(outDir, `loop-${name}`);

/** png makes a real (tiny) PNG so the server can make a thumbnail of it. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = [0];
    for (let x = 0; x < w; x++) row.push((x * 255) / w, (y * 255) / h, 160);
    rows.push(Buffer.from(row));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('workshop loop', () => {
  const room = useRoom({ dismissDialogs: true });
  let labId = '';
  let admin; // dashboard
  let projector; // join screen
  let ada; // attendee page
  let adaCtx;
  let adaId = '';
  let certId = '';
  let token = '';
  let fingerprint = '';
  const { pageErrors, dialogs } = room;

  const row = () => admin.locator(`[data-testid="loop-row"][data-id="${adaId}"]`);

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'Go in a day', author: 'Grace', is_public: true }, [
      { title: 'Install Go', markdown: 'Download Go from the USB stick.', duration_minutes: 5 },
      { title: 'Hello world', markdown: 'Write `main.go`.', duration_minutes: 10 },
      { title: 'Wrap up', markdown: 'What did you learn?', duration_minutes: 5 },
    ]);
    await adminCall(room.server, 'PUT', `/api/admin/codelabs/${labId}/quiz`, {
      pass_percent: 80,
      retries: true,
      questions: [
        { prompt: 'Which command runs a Go program?', kind: 'single', options: ['go run', 'go fly'], answers: [0], step: 1 },
        { prompt: 'Which keyword declares a function?', kind: 'single', options: ['fn', 'func', 'def'], answers: [1], step: null },
        { prompt: 'Which are Go types?', kind: 'multi', options: ['int', 'string', 'integer'], answers: [0, 1], step: null },
        { prompt: 'Name the Go mascot.', kind: 'text', accept: ['gopher'], step: null },
      ],
    });
    admin = await room.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } });
    projector = await room.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  });

  it('the facilitator writes the preparation guide and the completion rules in the editor', async () => {
    await admin.goto(`${room.server.adminURL.replace(/#.*/, '')}#token=${room.server.token}`);
    await admin.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    // The signing key to publish is in the Data menu.
    await admin.locator('summary', { hasText: 'Data' }).click();
    await admin.getByRole('menuitem', { name: /Certificate signing key/ }).click();
    const key = admin.locator('[data-testid="signing-key"]');
    await key.locator('[data-testid="key-fingerprint"]').waitFor();
    fingerprint = await key.locator('[data-testid="key-fingerprint"]').textContent();
    assert.match(fingerprint, /^SHA256:[0-9a-f]{64}$/);
    await admin.keyboard.press('Escape');
    await key.waitFor({ state: 'hidden' });
    await admin.goto(`${room.origin}/admin/#/codelabs/${labId}`);
    await admin.getByRole('button', { name: 'Preparation' }).click();
    await admin.locator('textarea[name="guide-markdown"]').fill('## Before you come\n\n- Install **Go 1.22**\n- Bring a charger');
    await admin.locator('[data-testid="guide-editor"] [data-testid="preview"] strong', { hasText: 'Go 1.22' }).waitFor();
    await admin.locator('[data-testid="guide-editor"] [data-testid="loop-save-status"].saved').waitFor();
    assert.match((await adminFetch(room.server, `/api/admin/codelabs/${labId}/guide`)).markdown, /Install \*\*Go 1\.22\*\*/);
    await admin.screenshot({ path: shot('editor-guide.png') });

    await admin.getByRole('button', { name: 'Quiz' }).click();
    await admin.locator('[data-testid="question-editor"]').nth(3).waitFor();
    assert.equal(await admin.locator('[data-testid="question-editor"]').count(), 4);
    assert.equal(await admin.locator('select[name="question-step"]').first().inputValue(), '1');
    // A new checkpoint question written in the editor is saved once it is complete.
    await admin.getByRole('button', { name: '+ Short text' }).click();
    const q5 = admin.locator('[data-testid="question-editor"]').nth(4);
    await q5.locator('textarea[name="question-prompt"]').fill('Which file names the module?');
    await q5.locator('select[name="question-step"]').selectOption('2');
    await q5.getByText('Add at least one accepted answer.', { exact: false }).waitFor();
    await q5.locator('textarea[name="question-accept"]').fill('go.mod');
    await admin.locator('[data-testid="quiz-editor"] [data-testid="loop-save-status"].saved').waitFor();
    const quiz = await adminFetch(room.server, `/api/admin/codelabs/${labId}/quiz`);
    assert.equal(quiz.questions.length, 5);
    assert.deepEqual([quiz.questions[4].kind, quiz.questions[4].step, quiz.questions[4].accept], ['text', 2, ['go.mod']]);
    await admin.screenshot({ path: shot('editor-quiz.png'), fullPage: true });

    await admin.getByRole('button', { name: 'Codelab details' }).click();
    const settings = admin.locator('[data-testid="loop-settings"]');
    for (const name of ['require_quiz', 'require_feedback', 'require_submission']) await settings.locator(`input[name="${name}"]`).check();
    await settings.locator('[data-testid="loop-save-status"].saved').waitFor();
    const c = await adminFetch(room.server, `/api/admin/codelabs/${labId}`);
    assert.deepEqual([c.require_quiz, c.require_feedback, c.require_submission], [true, true, true]);

    await admin.goto(`${room.origin}/admin/#/codelabs/${labId}/live`);
    await admin.locator('[data-testid="connection"][data-state="online"]').waitFor();
    await admin.locator('[data-testid="question-stat"]').nth(4).waitFor();
    await projector.goto(`${room.server.adminURL.replace(/#.*/, '')}#token=${room.server.token}`);
    // The app stores the token once its language has loaded: leave only after that.
    await projector.waitForFunction(() => localStorage.getItem('ocl.adminToken'));
    await projector.goto(`${room.origin}/admin/#/join/${labId}`);
    await projector.locator('[data-testid="join-qr"]').waitFor();
  });

  it('a first-time attendee reads the guide before step 1, and can reopen it from the contents', async () => {
    ada = await room.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 860 } });
    adaCtx = ada.context();
    await ada.goto(`${room.server.attendeeURL}#/codelabs/${labId}`);
    await ada.locator('[data-testid="guide"] strong', { hasText: 'Go 1.22' }).waitFor();
    assert.equal(new URL(ada.url()).hash, `#/codelabs/${labId}/guide`);
    await ada.screenshot({ path: shot('guide.png') });
    await ada.locator('input[name="attendee-name"]').fill('Ada');
    await ada.getByRole('button', { name: 'Join', exact: true }).click();
    await ada.locator('[data-testid="connection"][data-state="online"]').waitFor();
    adaId = await ada.evaluate((k) => JSON.parse(localStorage.getItem(k)).id, `ocl.attendee.${labId}`);
    await ada.getByRole('link', { name: 'Start step 1 →' }).click();
    await ada.getByRole('heading', { name: '1. Install Go' }).waitFor();
    // A reload does not show the guide again, and the contents link reopens it.
    await ada.reload();
    await ada.getByRole('heading', { name: '1. Install Go' }).waitFor();
    await ada.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: 'Preparation' }).click();
    await ada.locator('[data-testid="guide"]').waitFor();
    await ada.getByRole('link', { name: 'Start step 1 →' }).click();
    await row().waitFor();
  });

  it('takes the checkpoint at the end of step 1; the dashboard shows the share of right answers', async () => {
    // By keyboard only: Space picks the option, Tab reaches the button, Enter sends.
    const cp = ada.locator('[data-testid="quiz-1"]');
    await cp.getByLabel('go run').focus();
    await ada.keyboard.press('Space');
    assert.equal(await cp.getByLabel('go run').isChecked(), true);
    await ada.keyboard.press('Tab');
    assert.equal(await cp.getByRole('button', { name: 'Check answers' }).evaluate((b) => b === document.activeElement), true);
    await ada.keyboard.press('Enter');
    await cp.locator('[data-testid="quiz-score"]', { hasText: 'Passed — 100%' }).waitFor();
    const stat = admin.locator('[data-testid="question-stat"]').filter({ hasText: 'runs a Go program' });
    await stat.locator('[data-testid="question-share"]', { hasText: '100%' }).waitFor();
  });

  it('fails the final quiz, sees which answers were wrong, retries and passes', async () => {
    await ada.getByRole('button', { name: 'Next →' }).click();
    await ada.getByRole('heading', { name: '2. Hello world' }).waitFor();
    const cp2 = ada.locator('[data-testid="quiz-2"]');
    await cp2.getByLabel('Answer to question 1').fill(' GO.MOD ');
    await cp2.getByRole('button', { name: 'Check answers' }).click();
    await cp2.locator('[data-testid="quiz-score"]', { hasText: 'Passed — 100%' }).waitFor();
    await ada.keyboard.press('ArrowRight');
    await ada.getByRole('heading', { name: '3. Wrap up' }).waitFor();
    const quiz = ada.locator('[data-testid="quiz-final"]');
    await quiz.getByLabel('fn').check();
    await quiz.getByLabel('int', { exact: true }).check();
    await quiz.getByLabel('Answer to question 3').fill('  GOPHER ');
    await ada.locator('[data-testid="quiz-final"]').screenshot({ path: shot('quiz.png') });
    await quiz.getByRole('button', { name: 'Submit quiz' }).click();
    await quiz.locator('[data-testid="quiz-score"]', { hasText: 'Not passed yet — 33%' }).waitFor();
    const verdicts = await quiz.locator('[data-testid="quiz-result"]').evaluateAll((els) => els.map((e) => e.dataset.correct));
    assert.deepEqual(verdicts, ['false', 'false', 'true'], 'the server says which answers were right');
    assert.equal(await quiz.getByText(/Right answer/).count(), 0, 'no right answers before passing while retries are allowed');
    await row().locator('[data-testid="best-score"]', { hasText: '33%' }).waitFor();
    await ada.screenshot({ path: shot('quiz-failed.png'), fullPage: false });

    await quiz.getByRole('button', { name: 'Try again' }).click();
    await quiz.getByLabel('func').check();
    await quiz.getByLabel('int', { exact: true }).check();
    await quiz.getByLabel('string').check();
    await quiz.getByLabel('Answer to question 3').fill('gopher');
    await quiz.getByRole('button', { name: 'Submit quiz' }).click();
    await quiz.locator('[data-testid="quiz-score"]', { hasText: 'Passed — 100%' }).waitFor();
    await row().locator('[data-testid="best-score"]', { hasText: '100%' }).waitFor();
    await admin
      .locator('[data-testid="question-stat"]')
      .filter({ hasText: 'declares a function' })
      .locator('[data-testid="question-share"]', { hasText: '50%' })
      .waitFor();
  });

  it('the Finish control names what is missing while feedback and a hand-in are not done', async () => {
    const check = ada.locator('[data-testid="finish-checklist"]');
    await check.locator('[data-rule="quiz"][data-missing="false"]').waitFor();
    await check.locator('[data-rule="feedback"][data-missing="true"]').waitFor();
    await check.screenshot({ path: shot('checklist.png') });
    await ada.locator('[data-testid="finish"]').click();
    await ada.locator('.toast', { hasText: /feedback|requirement|missing/i }).first().waitFor();
    assert.equal(new URL(ada.url()).hash, `#/codelabs/${labId}/3`, 'still on the last step');
    // Its link takes the keyboard to the feedback form.
    await check.locator('[data-rule="feedback"]').getByRole('button', { name: 'Go there: Give feedback' }).click();
    await ada.waitForFunction(() => document.activeElement?.closest('#feedback') !== null);
  });

  it('gives feedback with a counted comment; the dashboard shows it without the name', async () => {
    const fb = ada.locator('[data-testid="feedback"]');
    await fb.getByText('Great', { exact: true }).click();
    await fb.getByText('Just right', { exact: true }).click();
    await fb.locator('textarea[name="feedback-comment"]').fill('Loved the gopher.');
    await fb.locator('#feedback-count', { hasText: '17 / 2000' }).waitFor();
    await fb.getByRole('button', { name: 'Send feedback' }).click();
    await fb.getByText('Feedback sent. Thank you!').waitFor();
    const summary = admin.locator('[data-testid="feedback-summary"]');
    await summary.locator('[data-testid="feedback-count"]', { hasText: '1' }).waitFor();
    await summary.locator('[data-testid="feedback-comment"]', { hasText: 'Loved the gopher.' }).waitFor();
    assert.doesNotMatch(await summary.locator('[data-testid="feedback-comment"]').textContent(), /Ada/);
    await summary.getByLabel('Show names').check();
    await summary.locator('[data-testid="feedback-comment"]', { hasText: 'Ada' }).waitFor();
  });

  it('hands in a link, refusing one that is not http(s), and deletes it again', async () => {
    const subs = ada.locator('[data-testid="submissions"]');
    await subs.locator('input[name="submission-url"]').fill('javascript:alert(1)');
    await subs.getByRole('button', { name: 'Add link' }).click();
    await subs.getByRole('alert').filter({ hasText: 'http' }).waitFor();
    await subs.locator('input[name="submission-url"]').fill('https://example.com/ada/gopher');
    await subs.locator('input[name="submission-title"]').fill('My repo');
    await subs.getByRole('button', { name: 'Add link' }).click();
    await subs.locator('[data-testid="submission-row"]', { hasText: 'My repo' }).waitFor();
    await admin.locator('[data-testid="admin-submission"]', { hasText: 'My repo' }).waitFor();
    await subs.getByRole('button', { name: 'Delete My repo' }).click();
    await subs.locator('[data-testid="submission-row"]').waitFor({ state: 'detached' });
    await admin.locator('[data-testid="admin-submission"]', { hasText: 'My repo' }).waitFor({ state: 'detached' });
  });

  it('hands in an image with upload progress; the dashboard shows its thumbnail', async () => {
    await ada.locator('#submission-file').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: png(64, 48) });
    await ada.locator('[data-testid="submission-row"]', { hasText: 'screenshot.png' }).waitFor();
    const thumb = admin.locator('[data-testid="admin-submission"] [data-testid="submission-thumb"]');
    await thumb.waitFor();
    await admin.waitForFunction(() => {
      const img = document.querySelector('[data-testid="submission-thumb"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
  });

  it('finishes with the one Finish control and sees the finish screen; the dashboard shows the completion', async () => {
    await ada.locator('[data-testid="finish-checklist"] [data-missing="true"]').waitFor({ state: 'detached' });
    await ada.locator('[data-testid="finish"]').click();
    await ada.locator('[data-testid="finish-screen"]').waitFor();
    assert.equal(new URL(ada.url()).hash, `#/codelabs/${labId}/finished`);
    assert.equal(await ada.getByRole('button', { name: 'Mark codelab as done' }).count(), 0);
    await ada.locator('[data-testid="finished"]').waitFor();
    await ada.screenshot({ path: shot('finish.png') });
    await row().and(admin.locator('[data-completed="true"]')).waitFor();
    await admin.locator('[data-testid="completed-count"]', { hasText: '1 of 1 finished' }).waitFor();
    await admin.locator(`[data-testid="attendee-row"][data-id="${adaId}"] .done`, { hasText: 'Finished' }).waitFor();
    // A hand-in is locked once completed.
    assert.equal(await ada.locator('[data-testid="submission-row"]').count(), 0, 'the finish screen replaces the step');
  });

  it('opens, prints and verifies the certificate', async () => {
    await ada.locator('[data-testid="open-certificate"]').click();
    await ada.locator('[data-testid="certificate-name"]', { hasText: 'Ada' }).waitFor();
    certId = decodeURIComponent(new URL(ada.url()).hash.replace('#/certificate/', ''));
    await ada.waitForFunction(() => {
      const img = document.querySelector('[data-testid="certificate-qr"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    await ada.getByText('Go in a day').waitFor();
    await ada.screenshot({ path: shot('certificate.png'), fullPage: true });
    token = (await ada.locator('[data-testid="certificate-token"]').textContent()).replace(/^Token:\s*/, '').trim();
    const cert = await (await fetch(`${room.server.attendeeURL}api/certificates/${certId}`)).json();
    assert.equal(token, cert.token);
    assert.equal(cert.fingerprint, fingerprint, 'signed with the key the facilitator publishes');

    // Printed: A4 and Letter, one page each.
    await ada.emulateMedia({ media: 'print' });
    await ada.screenshot({ path: shot('certificate-print.png') });
    for (const format of ['A4', 'Letter']) {
      const pdf = await ada.pdf({ format, printBackground: true });
      writeFileSync(shot(`certificate-${format}.pdf`), pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
      assert.equal(pages.length, 1, `the ${format} print has ${pages.length} pages, want 1`);
    }
    await ada.emulateMedia({ media: 'screen' });

    // The server's PDF is a download, not a page.
    const res = await fetch(`${room.server.attendeeURL}api/certificates/${certId}/pdf`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/pdf/);

    await ada.getByRole('link', { name: 'Verify' }).click();
    await ada.locator('[data-testid="verify-result"][data-valid="true"]').waitFor();
    // One changed character makes it fail, with the reason.
    const i = token.indexOf('.') + 5;
    const bad = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    await ada.locator('textarea[name="certificate-token"]').fill(bad);
    await ada.getByRole('button', { name: 'Verify' }).click();
    await ada.locator('[data-testid="verify-result"][data-valid="false"]').waitFor();
    assert.match(await ada.locator('[data-testid="verify-reason"]').textContent(), /signature|changed/i);
    await ada.screenshot({ path: shot('verify-invalid.png') });

    // The QR code's address (/verify#token=…) opens the same check.
    await ada.goto(cert.verify_url.replace(/^http:\/\/[^/]+\//, room.server.attendeeURL));
    await ada.locator('[data-testid="verify-result"][data-valid="true"]').waitFor();
  });

  it('looks right on a phone in dark mode', async () => {
    const page = await room.newPage({ acceptDownloads: true, viewport: { width: 360, height: 780 }, colorScheme: 'dark', storageState: await adaCtx.storageState() });
    const ctx = page.context();
    await page.goto(`${room.server.attendeeURL}#/codelabs/${labId}/3`);
    await page.locator('[data-testid="quiz-final"] [data-testid="quiz-score"]').waitFor();
    await page.locator('[data-testid="quiz-final"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('quiz-phone-dark.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the last step is ${overflow}px wider than a 360px phone`);
    await page.goto(`${room.server.attendeeURL}#/codelabs/${labId}/finished`);
    await page.locator('[data-testid="finish-screen"]').waitFor();
    await page.screenshot({ path: shot('finish-phone-dark.png') });
    await page.goto(`${room.server.attendeeURL}#/certificate/${certId}`);
    await page.locator('[data-testid="certificate-name"]').waitFor();
    await page.screenshot({ path: shot('certificate-phone-dark.png'), fullPage: true });
    const certOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(certOverflow <= 0, `the certificate is ${certOverflow}px wider than a 360px phone`);
    await ctx.close();
  });

  it('the facilitator downloads every hand-in as one ZIP', async () => {
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.locator('[data-testid="download-all"]').click()]);
    const path = await download.path();
    const zip = readFileSync(path);
    assert.equal(zip.subarray(0, 2).toString(), 'PK', 'a ZIP archive');
    assert.ok(zip.includes(Buffer.from('screenshot.png')), 'holding the handed-in file');
    assert.ok(zip.includes(Buffer.from('Ada')), 'in Ada’s folder');
  });

  it('draws a raffle winner that the projector shows big', async () => {
    await ada.goto(`${room.server.attendeeURL}#/codelabs/${labId}/3`);
    await ada.locator('[data-testid="connection"][data-state="online"]').waitFor();
    await admin.screenshot({ path: shot('dashboard.png'), fullPage: true });
    await admin.locator('[data-testid="raffle"]').getByRole('button', { name: 'Draw a winner' }).click();
    await admin.locator('[data-testid="raffle-winner"]', { hasText: 'Ada' }).waitFor();
    await projector.locator('[data-testid="raffle-reveal-name"]', { hasText: 'Ada' }).waitFor();
    await projector.screenshot({ path: shot('raffle-projector.png') });
    await ada.locator('.toast', { hasText: 'You won the raffle' }).waitFor();
    // Earlier winners are skipped: with one finisher, a second draw finds nobody.
    await admin.locator('[data-testid="raffle"]').getByRole('button', { name: 'Draw a winner' }).click();
    await admin.locator('[data-testid="raffle"] [role="alert"]').waitFor();
    const { draws } = await adminFetch(room.server, `/api/admin/codelabs/${labId}/raffle`);
    assert.equal(draws.length, 1);
    await projector.keyboard.press('Escape');
    await projector.locator('[data-testid="raffle-reveal"]').waitFor({ state: 'detached' });
  });

  it('the facilitator screens work at phone width in dark mode', async () => {
    const page = await room.newPage({ acceptDownloads: true, viewport: { width: 360, height: 780 }, colorScheme: 'dark' });
    const ctx = page.context();
    await page.goto(`${room.server.adminURL.replace(/#.*/, '')}#token=${room.server.token}`);
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    await page.goto(`${room.origin}/admin/#/codelabs/${labId}`);
    await page.getByRole('button', { name: 'Quiz' }).click();
    await page.locator('[data-testid="question-editor"]').first().waitFor();
    await page.screenshot({ path: shot('editor-quiz-phone-dark.png') });
    await page.goto(`${room.origin}/admin/#/codelabs/${labId}/live`);
    await page.locator('[data-testid="loop-row"]').first().waitFor();
    await page.locator('[data-testid="loop-section"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('dashboard-phone-dark.png') });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="loop-section"] section')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).length,
    );
    assert.equal(wide, 0, 'no loop panel is wider than the phone');
    await ctx.close();
  });

  it('raised no page errors or dialogs', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
