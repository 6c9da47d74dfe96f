// slow-paint measures how long a codelab's first step takes to paint on a
// slow room network: Chromium emulates 2 Mbit/s down and up with 40 ms of
// latency (CDP Network.emulateNetworkConditions), cache disabled, and the
// time runs from navigation to the first step's heading being visible. It
// also sums the bytes on the wire (encodedDataLength). Latency figures
// need a quiet machine; runs are repeated and the median printed.
//
//	OCL_SERVER_BIN=../bin/opencodelabs node scripts/slow-paint.mjs [runs]
import { launchBrowser } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const runs = Number(process.argv[2] ?? 5);
const server = await startServer();
let browser;
try {
  const origin = new URL(server.adminURL).origin;
  const admin = async (method, path, body) => {
    const res = await fetch(origin + path, {
      method,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const lab = await admin('POST', '/api/admin/codelabs', { title: 'Build a web service in Go', is_public: true });
  const steps = Array.from({ length: 8 }, (_, i) => ({
    title: `Step ${i + 1}: handlers and tests`,
    markdown:
      `## What you will do\n\nWrite the handler for part ${i + 1}, then test it.\n\n` +
      '```go\nfunc (s *Server) list(w http.ResponseWriter, r *http.Request) error {\n\titems, err := s.store.List(r.Context())\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn writeJSON(w, http.StatusOK, items)\n}\n```\n\n' +
      'Run `go test ./...` and check that **every** test passes before you press Next.\n',
    duration_minutes: 5,
  }));
  await admin('PUT', `/api/admin/codelabs/${lab.id}/steps`, { steps });

  browser = await launchBrowser();
  const times = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: (2_000_000 / 8),
      uploadThroughput: (2_000_000 / 8),
    });
    let sum = 0;
    cdp.on('Network.loadingFinished', (e) => (sum += e.encodedDataLength));
    const t0 = performance.now();
    await page.goto(`${server.attendeeURL}#/codelabs/${lab.id}`);
    await page.locator('main h2', { hasText: '1. Step 1: handlers and tests' }).waitFor();
    times.push(performance.now() - t0);
    await page.waitForLoadState('networkidle');
    bytes = sum;
    await ctx.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`first step's heading at 2 Mbit/s, 40 ms: median ${median.toFixed(0)} ms over ${runs} runs ` +
    `[${times.map((t) => t.toFixed(0)).join(', ')}]; ${bytes} bytes on the wire`);
} finally {
  await browser?.close();
  await server.stop();
}
