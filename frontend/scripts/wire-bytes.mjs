// wire-bytes measures what the first attendee page costs on the wire: it
// starts the server binary (OCL_SERVER_BIN, loopback, --no-mdns, temp data
// dir), adds public codelabs through the admin API, opens the attendee
// page in Chromium and sums CDP Network.loadingFinished encodedDataLength
// (headers + body as sent) of every request the page makes. Then the same
// for a codelab's first step (8 steps with code, as slow-paint.mjs makes),
// opened by its link on a fresh profile.
//
//	OCL_SERVER_BIN=../bin/opencodelabs node scripts/wire-bytes.mjs [codelabs]
import { launchBrowser } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const count = Number(process.argv[2] ?? 6);
const server = await startServer();
let browser;
try {
  const origin = new URL(server.adminURL).origin;
  for (let i = 0; i < count; i++) {
    const res = await fetch(origin + '/api/admin/codelabs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: `Codelab ${i + 1}: building a small web service in Go`,
        summary: 'Routing, JSON handlers, a SQLite store and tests, step by step.',
        is_public: true,
      }),
    });
    if (!res.ok) throw new Error(`create codelab: ${res.status} ${await res.text()}`);
  }
  // After the list's visits, so the list still shows `count` codelabs.
  const addLab = async () => {
    const lab = await fetch(origin + '/api/admin/codelabs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Build a web service in Go', is_public: true }),
    }).then((r) => r.json());
    const steps = Array.from({ length: 8 }, (_, i) => ({
      title: `Step ${i + 1}: handlers and tests`,
      markdown:
        `## What you will do\n\nWrite the handler for part ${i + 1}, then test it.\n\n` +
        '```go\nfunc (s *Server) list(w http.ResponseWriter, r *http.Request) error {\n\titems, err := s.store.List(r.Context())\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn writeJSON(w, http.StatusOK, items)\n}\n```\n\n' +
        'Run `go test ./...` and check that **every** test passes before you press Next.\n',
      duration_minutes: 5,
    }));
    const put = await fetch(origin + `/api/admin/codelabs/${lab.id}/steps`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ steps }),
    });
    if (!put.ok) throw new Error(`steps: ${put.status} ${await put.text()}`);
    return lab;
  };
  browser = await launchBrowser();
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await page.goto('about:blank');
  const reqs = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId) ?? {};
    r.url = e.response.url;
    r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '';
    reqs.set(e.requestId, r);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId) ?? {};
    r.bytes = e.encodedDataLength;
    reqs.set(e.requestId, r);
  });
  // First visit on a fresh profile, then a second visit of the same page:
  // hashed assets come from the cache, the page revalidates by ETag.
  for (const visit of ['first visit', 'second visit', "a codelab's first step, fresh profile"]) {
    reqs.clear();
    if (visit.startsWith('a codelab')) {
      const lab = await addLab();
      await cdp.send('Network.clearBrowserCache');
      await page.goto('about:blank');
      reqs.clear();
      await page.goto(`${server.attendeeURL}#/codelabs/${lab.id}`);
      await page.locator('main h2', { hasText: '1. Step 1' }).waitFor();
      await page.waitForLoadState('networkidle');
    } else {
      await page.goto(server.attendeeURL, { waitUntil: 'networkidle' });
    }
    let total = 0;
    console.log(`-- ${visit}`);
    for (const r of reqs.values()) {
      if (r.bytes === undefined || !r.url) continue;
      total += r.bytes;
      console.log(`${String(r.bytes).padStart(7)}  ${(r.encoding || 'identity').padEnd(8)} ${new URL(r.url).pathname}`);
    }
    console.log(`${String(total).padStart(7)}  total (${(total / 1024).toFixed(1)} KiB)${visit.startsWith('a codelab') ? '' : ` with ${count} public codelabs`}`);
  }
} finally {
  await browser?.close();
  await server.stop();
}
