// security.test.mjs: both apps load and work under their
// Content-Security-Policy without a single violation, and a page reached
// through a foreign name that resolves to the laptop (DNS rebinding:
// Chromium maps rebind.test to 127.0.0.1) is refused with 421.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

async function api(server, method, path, body) {
  const res = await fetch(new URL(server.adminURL).origin + path, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path}: got status ${res.status}, want 2xx`);
  return res.json();
}

describe('security headers in the browser', () => {
  let server;
  let browser;
  let labId;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
    const lab = await api(server, 'POST', '/api/admin/codelabs', { title: 'CSP lab', is_public: true });
    labId = lab.id;
    await api(server, 'PUT', `/api/admin/codelabs/${labId}/steps`, {
      steps: [
        { title: 'Code', markdown: '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```go\nfmt.Println("hi")\n```', duration_minutes: 1 },
        { title: 'More', markdown: 'Done.', duration_minutes: 1 },
      ],
    });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** watchedPage records console errors, page errors and CSP violations. */
  async function watchedPage() {
    const ctx = await browser.newContext();
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
    const res = await page.goto(`${server.attendeeURL}#/codelabs/${labId}`);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers()['referrer-policy'], 'no-referrer');
    await page.locator('input[name="attendee-name"]').fill('Ada');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor(); // the WebSocket is allowed
    await page.goto(`${server.attendeeURL}#/codelabs/${labId}/1`);
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
    await page.goto(server.adminURL);
    await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
    await page.goto(new URL('/admin/#/join', server.adminURL).href);
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="join-qr"]');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0; // the data: QR image drew
    });
    await page.goto(new URL(`/admin/#/codelabs/${labId}/live`, server.adminURL).href);
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  it('a foreign name resolving to this laptop gets 421, not the app', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const port = new URL(server.attendeeURL).port;
    const res = await page.goto(`http://rebind.test:${port}/`);
    assert.equal(res.status(), 421);
    const body = await res.json();
    assert.equal(body.error.code, 'unknown_host');
    const apiRes = await page.evaluate(async () => (await fetch('/api/codelabs')).status);
    assert.equal(apiRes, 421);
    await ctx.close();
  });
});
