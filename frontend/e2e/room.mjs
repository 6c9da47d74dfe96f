// room.mjs: the set-up most browser tests share. One real server and one
// Chromium serve a whole test file (started in before, stopped in after);
// pages record the app's uncaught errors; an attendee joins a codelab and the
// facilitator app is opened with its token, the way a person does it.
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

/** outDir is where screenshots go (test-output/ at the repository root). */
export const outDir = resolve(import.meta.dirname, '..', '..', 'test-output');
mkdirSync(outDir, { recursive: true });
/** shot is the path of a screenshot in outDir. */
export const shot = (name) => resolve(outDir, name);

/**
 * useRoom registers before/after hooks in the calling describe: a server
 * (started with serverArgs) and a browser (launched with browserArgs) for the
 * whole file. The returned room's server and browser are set once before has
 * run. With dismissDialogs, every page records and dismisses its dialogs.
 */
export function useRoom({ serverArgs = [], browserArgs = [], dismissDialogs = false } = {}) {
  const room = {
    server: undefined,
    browser: undefined,
    /** pageErrors collects the uncaught errors of every page from newPage. */
    pageErrors: [],
    /** dialogs collects the messages of the dialogs dismissed (dismissDialogs). */
    dialogs: [],

    /** origin is the server's http://127.0.0.1:port. */
    get origin() {
      return new URL(room.server.adminURL).origin;
    },

    /** newPage opens a page in a new browser context made with options. */
    async newPage(options = {}) {
      const ctx = await room.browser.newContext(options);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => room.pageErrors.push(e.message));
      if (dismissDialogs) {
        page.on('dialog', (d) => {
          room.dialogs.push(d.message());
          void d.dismiss();
        });
      }
      return page;
    },

    /**
     * openAdmin signs page in with the admin link (its token in the fragment),
     * waits for the home screen, then goes to hash (e.g. #/codelabs/ID/live).
     */
    async openAdmin(page, hash = '') {
      await page.goto(room.server.adminURL);
      await page.getByRole('heading', { name: 'Your codelabs' }).waitFor();
      if (hash) await page.goto(`${room.origin}/admin/${hash}`);
      return page;
    },

    /** adminPage is openAdmin in a new page made with options. */
    async adminPage(hash, options) {
      return room.openAdmin(await room.newPage(options), hash);
    },

    /**
     * join opens codelab labId (at path, e.g. '/1') on page, registers as name
     * and waits until the live connection is up; it returns the attendee's id.
     */
    async join(page, labId, name, path = '') {
      await page.goto(`${room.server.attendeeURL}#/codelabs/${labId}${path}`);
      await page.locator('input[name="attendee-name"]').fill(name);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
      return page.evaluate((k) => JSON.parse(localStorage.getItem(k)).id, `ocl.attendee.${labId}`);
    },
  };

  // The server and Chromium start side by side: each file waits for the
  // slower of the two, not for both one after the other.
  before(async () => {
    const [server, browser] = await Promise.allSettled([startServer({ args: serverArgs }), launchBrowser(browserArgs)]);
    room.server = server.value;
    room.browser = browser.value;
    if (server.status === 'rejected') throw server.reason;
    if (browser.status === 'rejected') throw browser.reason;
  });

  after(async () => {
    await room.browser?.close().catch(() => {});
    await room.server?.stop();
  });

  return room;
}
