// import-missing-images.test.mjs: issue #9 in a real browser — importing
// claat's sample codelab.md (its image img/codelabexample.png cannot travel
// with a bare .md) lists the missing image in the editor, and uploading the
// file there fixes every reference.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminFetch } from './server.mjs';
import { shot, useRoom } from './room.mjs';

const SAMPLE = `author: Marc DiPasquale
summary: Create a CodeLab Using Markdown
id: codelab-4-codelab-markdown
categories: codelab,markdown
environments: Web
status: Published
feedback link: https://github.com/Mrc0113/codelab-4-codelab

# CodeLab to Create a CodeLab

## CodeLab Overview
Duration: 0:02:00

Here is an example image of another CodeLab that I created:
![image_caption](img/codelabexample.png)

## Environment Setup
Duration: 0:04:00

In order to create a CodeLab you need *Go* and *claat* installed.
`;

// A valid 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('import with a missing image', () => {
  const room = useRoom();
  let page;
  const errors = room.pageErrors;

  before(async () => {
    page = await room.adminPage('', { viewport: { width: 1280, height: 860 } });
  });

  it('lists the missing image after import and fixes it with an upload', async () => {
    await page.locator('input[name="import-file"]').setInputFiles({
      name: 'codelab.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(SAMPLE),
    });
    await page.waitForURL((u) => /#\/codelabs\/[^/]+$/.test(u.hash));
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);

    const panel = page.getByRole('region', { name: 'Missing images' });
    await panel.waitFor();
    assert.match(await panel.textContent(), /img\/codelabexample\.png\s*in step 1/);
    await page.screenshot({ path: shot('import-missing-images.png') });
    // The same panel in dark mode at phone width.
    const phone = await room.browser.newContext({ viewport: { width: 390, height: 800 }, colorScheme: 'dark' });
    const pp = await phone.newPage();
    await room.openAdmin(pp);
    await pp.goto(page.url());
    await pp.getByRole('region', { name: 'Missing images' }).waitFor();
    await pp.screenshot({ path: shot('import-missing-images-phone-dark.png') });
    await phone.close();

    const upload = panel.getByRole('button', { name: 'Upload image for img/codelabexample.png' });
    // Reachable by keyboard: a real, enabled button in the tab order.
    await upload.focus();
    assert.equal(await upload.evaluate((b) => b === document.activeElement && !b.disabled && b.tabIndex >= 0), true);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), upload.click()]);
    await chooser.setFiles({ name: 'codelabexample.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.toast.success', { hasText: 'img/codelabexample.png uploaded' }).waitFor();
    await panel.waitFor({ state: 'detached' });

    const stored = await adminFetch(room.server, `/api/admin/codelabs/${encodeURIComponent(id)}`);
    assert.match(stored.steps[0].markdown, /!\[image_caption\]\(uploads\/[a-z2-7]{32}\.png\)/);
    assert.doesNotMatch(stored.steps[0].markdown, /img\/codelabexample\.png/);
    assert.deepEqual(errors, []);
  });
});
