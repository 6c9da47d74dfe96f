// editor-safety.test.mjs: the editor never calls an invalid step "saved",
// keeps the draft on this computer across a reload and a crashed window,
// asks before leaving with it, and saves it once it is valid (issue #9).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';


const TYPED = 'Typed while the title was empty.';

describe('editor: unsaved edits are never lost', () => {
  const room = useRoom();

  it('clearing a title blocks the save, says so, keeps the draft and asks before leaving', async () => {
    const id = await makeCodelab(room.server, { title: 'Draft safety' }, [
      { title: 'One', markdown: 'first', duration_minutes: 5 },
      { title: 'Two', markdown: 'second', duration_minutes: 5 },
    ]);
    const origin = room.origin;
    const ctx = await room.browser.newContext({ viewport: { width: 1280, height: 800 } });
    let page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await room.openAdmin(page, `#/codelabs/${id}`);
    await page.getByRole('button', { name: /Two/ }).click();

    const status = page.getByTestId('save-status');
    await page.locator('input[name="step-title"]').fill('');
    await page.locator('textarea[name="step-markdown"]').fill(`second\n\n${TYPED}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Step 2 needs a title — not saved');
    assert.doesNotMatch(await status.textContent(), /All changes saved|^Saved/);
    await page.screenshot({ path: shot('h9-editor-not-saved.png') });

    let onServer = await adminFetch(room.server, `/api/admin/codelabs/${id}`);
    assert.equal(onServer.steps[1].markdown, 'second', 'the server must not have the invalid step');
    const kept = await page.evaluate((k) => localStorage.getItem(k), `ocl.editorDraft.${id}`);
    assert.match(kept ?? '', new RegExp(TYPED), 'the draft must be kept in localStorage');

    // In-app leave (←) asks; staying keeps the editor and the edits.
    await page.getByRole('link', { name: 'All codelabs' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Leave with unsaved changes?' });
    await dialog.waitFor();
    await page.screenshot({ path: shot('h9-editor-leave-asks.png') });
    await dialog.getByRole('button', { name: 'Stay and fix' }).click();
    assert.equal(new URL(page.url()).hash, `#/codelabs/${id}`);
    assert.equal(await page.locator('textarea[name="step-markdown"]').inputValue(), `second\n\n${TYPED}`);

    // Reload asks (beforeunload); the draft comes back after it.
    const asked = [];
    page.once('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await page.reload();
    assert.deepEqual(asked, ['beforeunload'], 'a reload with unsaved edits must ask first');
    await page.getByTestId('draft-notice').waitFor();
    assert.equal(await status.textContent(), 'Step 2 needs a title — not saved');

    // A crashed window (no beforeunload, no save) loses nothing either.
    await page.close({ runBeforeUnload: false });
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/admin/#/codelabs/${id}`);
    await page.getByTestId('draft-notice').waitFor();
    await page.getByRole('button', { name: /Untitled step/ }).click();
    assert.equal(await page.locator('textarea[name="step-markdown"]').inputValue(), `second\n\n${TYPED}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: shot('h9-editor-restored-dark.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: shot('h9-editor-restored-phone-dark.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    onServer = await adminFetch(room.server, `/api/admin/codelabs/${id}`);
    assert.equal(onServer.steps[1].markdown, 'second');

    // Once valid, it is saved and the local copy is dropped.
    await page.locator('input[name="step-title"]').fill('Two, fixed');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved');
    onServer = await adminFetch(room.server, `/api/admin/codelabs/${id}`);
    assert.equal(onServer.steps[1].title, 'Two, fixed');
    assert.equal(onServer.steps[1].markdown, `second\n\n${TYPED}`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `ocl.editorDraft.${id}`), null);
    await page.getByTestId('draft-notice').waitFor({ state: 'detached' });

    // A restored draft can be thrown away: the server's version comes back.
    await page.locator('input[name="step-title"]').fill('');
    await page.locator('textarea[name="step-markdown"]').fill('to be discarded');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent?.endsWith('— not saved'));
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByTestId('draft-notice').getByRole('button', { name: 'Discard them' }).click();
    await page.getByTestId('draft-notice').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('save-status').textContent(), 'All changes saved');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `ocl.editorDraft.${id}`), null);
    await page.getByRole('button', { name: /Two, fixed/ }).click();
    assert.equal(await page.locator('textarea[name="step-markdown"]').inputValue(), `second\n\n${TYPED}`);

    // Nothing unsaved: leaving does not ask.
    await page.getByRole('link', { name: 'All codelabs' }).first().click();
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
