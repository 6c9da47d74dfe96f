// a11y-kit.mjs: what the accessibility, keyboard, small-window and RTL
// end-to-end tests share: a workshop with steps, code and a quiz; axe-core
// injected into the page; the URLs of both apps in a given language.
import { before } from 'node:test';
import { createRequire } from 'node:module';
import { adminCall, makeCodelab } from './api-helpers.mjs';
import { shot, useRoom } from './room.mjs';

const require = createRequire(import.meta.url);
/** axePath is axe-core's browser build from node_modules (no download). */
export const axePath = require.resolve('axe-core/axe.min.js');

export { shot };

export const STEPS = [
  {
    title: 'Install Go',
    markdown: 'Download Go from the USB stick, then check the version:\n\n```go\npackage main\n\nfunc main() { println("hello") }\n```\n\n```console\n$ go version\n```',
    duration_minutes: 5,
  },
  { title: 'Hello world', markdown: 'Write `main.go`.\n\nPositive\n: Well done.\n\nNegative\n: Do not skip this.', duration_minutes: 10 },
  { title: 'Wrap up', markdown: 'What did you learn?', duration_minutes: 5 },
];

/** makeWorkshop creates a public codelab with steps and a final quiz; it returns its id. */
export async function makeWorkshop(server, title = 'Go in a day') {
  const id = await makeCodelab(server, { title, author: 'Grace', is_public: true }, STEPS);
  await adminCall(server, 'PUT', `/api/admin/codelabs/${id}/quiz`, {
    pass_percent: 80,
    retries: true,
    questions: [
      { prompt: 'Which keyword declares a function?', kind: 'single', options: ['fn', 'func', 'def'], answers: [1], step: null },
      { prompt: 'Name the Go mascot.', kind: 'text', accept: ['gopher'], step: null },
    ],
  });
  return id;
}

/**
 * useWorkshop is useRoom (a server and a browser for the whole file) with
 * makeWorkshop's codelab made in before; its id is room.id.
 */
export function useWorkshop(options) {
  const room = useRoom(options);
  room.id = '';
  before(async () => {
    room.id = await makeWorkshop(room.server);
  });
  return room;
}

/**
 * attendeeTour walks an attendee named name through the first screens of
 * codelab id in lang (landing, registration, the joined step, the open chat)
 * and awaits visit(screen) on each.
 */
export async function attendeeTour(page, server, id, lang, name, visit) {
  await page.goto(attendeeURL(server, '#/', lang));
  await page.locator('main .grid a').first().waitFor();
  await visit('landing');
  await page.goto(attendeeURL(server, `#/codelabs/${id}/1`, lang));
  await page.locator('[data-testid="register-panel"] input[name="attendee-name"]').waitFor();
  await visit('registration');
  await page.locator('input[name="attendee-name"]').fill(name);
  await page.locator('[data-testid="register-panel"] button[type="submit"]').click();
  await page.locator('[data-testid="connection"][data-state="online"]').waitFor();
  await visit('step');
  await page.locator('[data-testid="chat-toggle"]').click();
  await page.locator('[data-testid="chat-panel"]').waitFor();
  await visit('chat');
}

/** withLang puts ?lang= into an app URL (before its #hash). */
export function withLang(url, lang) {
  if (!lang) return url;
  const u = new URL(url);
  u.searchParams.set('lang', lang);
  return u.toString();
}

/** attendeeURL is the attendee app at hash in lang. */
export function attendeeURL(server, hash = '', lang = '') {
  return withLang(server.attendeeURL, lang).replace(/#.*$/, '') + hash;
}

/** adminURL is the facilitator app at hash in lang; the first visit of a context needs token=true. */
export function adminURL(server, hash = '#/', lang = '', token = false) {
  const base = withLang(server.adminURL.replace(/#.*$/, ''), lang);
  return token ? `${base}#token=${server.token}` : base + hash;
}

/**
 * axeViolations runs axe-core on the page (WCAG 2.x A and AA and best
 * practice rules) and returns the serious and critical violations.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    // @ts-ignore axe is the injected global
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** describeViolations is one line per rule: id, impact, targets. */
export function describeViolations(vs) {
  return vs.map((v) => `  ${v.id} (${v.impact}: ${v.help}) at ${v.targets.slice(0, 6).join(' | ')}`).join('\n');
}

/** noOverflow lists what sticks out sideways: the page, and boxes that clip their own content. */
export async function overflowProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const se = document.scrollingElement;
    if (se && se.scrollWidth > window.innerWidth) out.push(`page scrollWidth ${se.scrollWidth} > innerWidth ${window.innerWidth}`);
    for (const el of document.querySelectorAll('body *')) {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden') continue;
      if (el.closest('pre, .code-block, textarea, [data-scrolls], .visually-hidden, svg, table')) continue;
      const clips = ['hidden', 'clip'].includes(cs.overflowX);
      if (clips && el.scrollWidth > el.clientWidth + 1 && cs.textOverflow !== 'ellipsis') {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} clips: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      }
    }
    return out;
  });
}

/** overlaps lists pairs of controls (buttons, links styled as buttons, fields) that cover each other. */
export async function overlaps(page) {
  return page.evaluate(() => {
    const els = [...document.querySelectorAll('button, a.btn, select, input:not([type=hidden]), textarea, summary')].filter((el) => {
      const cs = getComputedStyle(el);
      if (el.getClientRects().length === 0 || cs.visibility === 'hidden' || cs.opacity === '0') return false;
      if (el.closest('.visually-hidden, .scrim, details:not([open]) > :not(summary)')) return false;
      // Only what is on top where it is drawn: a control under an open panel is covered on purpose.
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!top && (top === el || el.contains(top) || top.contains(el));
    });
    const out = [];
    for (let i = 0; i < els.length; i++) {
      for (let j = i + 1; j < els.length; j++) {
        const [a, b] = [els[i], els[j]];
        if (a.contains(b) || b.contains(a)) continue;
        const r = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
        const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
        if (w > 2 && h > 2) out.push(`${a.outerHTML.slice(0, 60)} overlaps ${b.outerHTML.slice(0, 60)}`);
      }
    }
    return out;
  });
}
