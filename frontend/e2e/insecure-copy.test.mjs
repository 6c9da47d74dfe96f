// insecure-copy.test.mjs: attendees open the laptop by plain http://IP, which
// is not a secure context, so navigator.clipboard does not exist there. The
// copy buttons must still work. Chromium maps the name classroom.test to
// 127.0.0.1 (no DNS, no traffic off this machine), which gives a real
// non-secure origin on loopback; --allow-host lets the server answer to
// that name (it answers only the names it advertises, against DNS rebinding).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useRoom } from './room.mjs';
import { makeCodelab } from './api-helpers.mjs';

describe('copy buttons on a non-secure origin', () => {
  const room = useRoom({
    serverArgs: ['--allow-host', 'classroom.test'],
    browserArgs: ['--host-resolver-rules=MAP classroom.test 127.0.0.1'],
  });

  it('copies code over plain http with the selection fallback', async () => {
    const labId = await makeCodelab(room.server, { title: 'Copy test', is_public: true }, [
      { title: 'Code', markdown: '```sh\necho insecure-copy-works\n```', duration_minutes: 1 },
    ]);
    const port = new URL(room.server.attendeeURL).port;
    const secureOrigin = new URL(room.server.attendeeURL).origin;
    const ctx = await room.browser.newContext();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: secureOrigin });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://classroom.test:${port}/#/codelabs/${labId}/1`);
    await page.locator('.step-content .code-block .copy-btn').waitFor();
    const env = await page.evaluate(() => ({ secure: window.isSecureContext, clipboard: typeof navigator.clipboard }));
    assert.deepEqual(env, { secure: false, clipboard: 'undefined' }, 'the page must really be a non-secure context');

    await page.locator('.step-content .code-block .copy-btn').click();
    await page.locator('.copy-btn', { hasText: 'Copied!' }).waitFor();

    // Read the browser's clipboard from a secure page of the same server.
    const reader = await ctx.newPage();
    await reader.goto(room.server.attendeeURL);
    const clip = await reader.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /^echo insecure-copy-works\n?$/);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
