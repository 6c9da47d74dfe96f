// security.test.mjs: both apps load and work under their
// Content-Security-Policy without a single violation, and a page reached
// through a foreign name that resolves to the laptop (DNS rebinding:
// Chromium maps rebind.test to 127.0.0.1) is refused with 421.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useRoom } from './room.mjs';
import { makeCodelab } from './api-helpers.mjs';

describe('security headers in the browser', () => {
  const room = useRoom({ browserArgs: ['--host-resolver-rules=MAP rebind.test 127.0.0.1'] });
  let labId;

  before(async () => {
    labId = await makeCodelab(room.server, { title: 'CSP lab', is_public: true }, [
      { title: 'Code', markdown: '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```go\nfmt.Println("hi")\n```', duration_minutes: 1 },
      { title: 'More', markdown: 'Done.', duration_minutes: 1 },
    ]);
  });

  /** watchedPage records console errors, page errors and CSP violations. */
  async function watchedPage() {
    const ctx = await room.browser.newContext();
    const page = await ctx.newPage();
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.exposeFunction('reportViolation', (v) => problems.push(`csp: ${v}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI}`),
      );
    });
    return { ctx, page, problems };
  }

  it('the attendee app joins and goes live with no CSP violation', async () => {
    const { ctx, page, problems } = await watchedPage();
    const res = await page.goto(`${room.server.attendeeURL}#/codelabs/${labId}`);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers()['referrer-policy'], 'no-referrer');
    await page.locator('input[name="attendee-name"]').fill('Ada');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor(); // the WebSocket is allowed
    await page.goto(`${room.server.attendeeURL}#/codelabs/${labId}/1`);
    await page.locator('.step-content .code-block').waitFor();
    assert.deepEqual(problems, []);
    // The watch works, and an injected inline script does not run.
    const blocked = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.injectedRan = true';
          document.body.append(s);
        }),
    );
    assert.match(blocked, /^script-src/);
    assert.equal(await page.evaluate(() => window.injectedRan), undefined);
    await ctx.close();
  });

  it('the facilitator app, join screen and live dashboard load with no CSP violation', async () => {
    const { ctx, page, problems } = await watchedPage();
    await room.openAdmin(page);
    await page.goto(new URL('/admin/#/join', room.server.adminURL).href);
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="join-qr"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0; // the data: QR image drew
    });
    await page.goto(new URL(`/admin/#/codelabs/${labId}/live`, room.server.adminURL).href);
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('a foreign name resolving to this laptop gets 421, not the app', async () => {
    const ctx = await room.browser.newContext();
    const page = await ctx.newPage();
    const port = new URL(room.server.attendeeURL).port;
    const res = await page.goto(`http://rebind.test:${port}/`);
    assert.equal(res.status(), 421);
    const body = await res.json();
    assert.equal(body.error.code, 'unknown_host');
    const apiRes = await page.evaluate(async () => (await fetch('/api/codelabs')).status);
    assert.equal(apiRes, 421);
    await ctx.close();
  });
});
