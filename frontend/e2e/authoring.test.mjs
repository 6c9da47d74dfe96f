// authoring.test.mjs: a facilitator writes a two-step codelab in /admin/ and
// an attendee, in a separate browser context, reads it with keys and reloads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminFetch } from './server.mjs';
import { useRoom } from './room.mjs';

const outDir = resolve(import.meta.dirname, 'output');
mkdirSync(outDir, { recursive: true });

const STEP1 = {
  title: 'Install Go',
  minutes: '5',
  markdown: [
    'Download Go and check the version.',
    '',
    '```go',
    'package main',
    '',
    'import "fmt"',
    '',
    'func main() {',
    '\tfmt.Println("hello, codelab")',
    '}',
    '```',
    '',
    'You should see **hello, codelab**.',
  ].join('\n'),
};
const STEP2 = {
  title: 'Write a handler',
  minutes: '10',
  markdown: '## Routing\n\nAdd a route with `http.HandleFunc` and run `go run .` again.',
};

describe('authoring and reading a codelab', () => {
  const room = useRoom();
  let codelabId = '';

  it('a facilitator creates a codelab with two steps and publishes it', async () => {
    const ctx = await room.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await room.openAdmin(page);
    assert.equal(new URL(page.url()).hash, '#/', 'the token must leave the address bar');
    const stored = await page.evaluate(() => [
      sessionStorage.getItem('ocl.adminToken'),
      localStorage.getItem('ocl.adminToken'),
    ]);
    assert.deepEqual(stored, [room.server.token, room.server.token]);

    await page.getByRole('button', { name: '+ New codelab' }).first().click();
    await page.locator('input[name="title"]').fill('Go for beginners');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/codelabs\/[^/]+$/);
    codelabId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);

    await page.locator('textarea[name="description"]').fill('Your first Go program, step by step.');
    await page.locator('input[name="author"]').fill('Ada');
    await page.locator('input[name="tags"]').fill('go, beginner');

    for (const step of [STEP1, STEP2]) {
      await page.getByRole('button', { name: '+ Add step' }).click();
      await page.locator('input[name="step-title"]').fill(step.title);
      await page.locator('input[name="step-duration"]').fill(step.minutes);
      await page.locator('textarea[name="step-markdown"]').fill(step.markdown);
    }
    const status = page.getByTestId('save-status');
    await status.filter({ hasText: 'Saved' }).waitFor();

    let saved = await adminFetch(room.server, `/api/admin/codelabs/${codelabId}`);
    assert.deepEqual(
      saved.steps.map((s) => [s.title, s.duration_minutes, s.markdown]),
      [
        [STEP1.title, 5, STEP1.markdown],
        [STEP2.title, 10, STEP2.markdown],
      ],
    );
    assert.deepEqual(saved.tags, ['go', 'beginner']);
    assert.equal(saved.is_public, false);

    await page.getByRole('button', { name: 'Codelab details' }).click();
    await page.locator('label.switch').click();
    await status.filter({ hasText: 'Saving' }).waitFor();
    await status.filter({ hasText: 'Saved' }).waitFor();
    saved = await adminFetch(room.server, `/api/admin/codelabs/${codelabId}`);
    assert.equal(saved.is_public, true);

    // Reorder and delete: a third step moved up to 2nd place, then deleted.
    await page.getByRole('button', { name: '+ Add step' }).click();
    await page.locator('input[name="step-title"]').fill('Scratch');
    await page.getByRole('button', { name: 'Move step 3 up' }).click();
    await status.filter({ hasText: 'Saving' }).waitFor();
    await status.filter({ hasText: 'Saved' }).waitFor();
    saved = await adminFetch(room.server, `/api/admin/codelabs/${codelabId}`);
    assert.deepEqual(saved.steps.map((s) => s.title), [STEP1.title, 'Scratch', STEP2.title]);
    await page.getByRole('button', { name: 'Delete step 2' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await status.filter({ hasText: 'Saving' }).waitFor();
    await status.filter({ hasText: 'Saved' }).waitFor();
    saved = await adminFetch(room.server, `/api/admin/codelabs/${codelabId}`);
    assert.deepEqual(saved.steps.map((s) => s.title), [STEP1.title, STEP2.title]);

    // The step editor with its live server-rendered preview, for the docs.
    await page.getByRole('button', { name: STEP1.title }).click();
    await page.locator('[data-testid="preview"] .code-block .copy-btn').waitFor();
    await page.screenshot({ path: resolve(outDir, 'admin-editor.png') });

    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('an attendee reads it with keys, and the step survives reload', async () => {
    assert.ok(codelabId, 'the authoring test must have created a codelab');
    const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 860 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: room.server.attendeeURL });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(room.server.attendeeURL);
    await page.getByRole('link', { name: /Go for beginners/ }).click();
    const heading = page.locator('article h2');
    await heading.filter({ hasText: `1. ${STEP1.title}` }).waitFor();
    assert.match(new URL(page.url()).hash, new RegExp(`^#/codelabs/${codelabId}/1$`));
    assert.match(await page.locator('.step-content').innerText(), /hello, codelab/);
    assert.equal(await page.locator('.topbar .remaining').innerText(), '15 min remaining');

    // Copy puts the code, not the button label, on the clipboard.
    await page.locator('.step-content .code-block .copy-btn').click();
    await page.locator('.copy-btn', { hasText: 'Copied!' }).waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /^package main\n/);
    assert.doesNotMatch(clip, /Copy/);
    await page.screenshot({ path: resolve(outDir, 'attendee-step.png') });

    await page.keyboard.press('ArrowRight');
    await heading.filter({ hasText: `2. ${STEP2.title}` }).waitFor();
    assert.match(new URL(page.url()).hash, new RegExp(`^#/codelabs/${codelabId}/2$`));
    assert.match(await page.locator('.step-content h2').innerText(), /Routing/);
    assert.equal(await page.locator('.topbar .remaining').innerText(), '10 min remaining');

    await page.reload();
    await heading.filter({ hasText: `2. ${STEP2.title}` }).waitFor();
    assert.equal(await page.locator('.toc a[aria-current="step"] .label').innerText(), STEP2.title);

    await page.keyboard.press('ArrowLeft');
    await heading.filter({ hasText: `1. ${STEP1.title}` }).waitFor();
    assert.match(new URL(page.url()).hash, new RegExp(`^#/codelabs/${codelabId}/1$`));

    // Phone width: the table of contents folds behind a toggle.
    await page.setViewportSize({ width: 390, height: 800 });
    const toggle = page.getByRole('button', { name: /Step 1 of 2/ });
    await toggle.waitFor();
    assert.equal(await page.locator('.toc ol').isVisible(), false);
    await toggle.click();
    assert.equal(await page.locator('.toc ol').isVisible(), true);
    await toggle.click();
    await page.screenshot({ path: resolve(outDir, 'attendee-phone.png') });

    await page.goto(`${room.server.attendeeURL}#/codelabs/no-such-codelab`);
    await page.getByRole('heading', { name: 'Codelab not found' }).waitFor();

    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
