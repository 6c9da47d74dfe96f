// The message catalogue at run time: one locale's messages are loaded (never
// all ten), formatted with FormatJS's ICU engine, and every t() call in a
// template re-renders when the locale changes because it reads $state.
import { untrack } from 'svelte';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { safeLocalStorage } from '../utils/storage';
import { DEFAULT_LOCALE, PSEUDO, direction, isSupported, match, negotiate } from './locales';
import { pseudo } from './pseudo';
import type { MessageKey } from './keys';

export type { MessageKey } from './keys';
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
// The build parses messages (vite.config.ts precompileMessages): plain text
// stays a string, a message with arguments arrives as its ICU AST, so the
// browser never needs the ICU parser.
type Message = string | MessageFormatElement[];
type Catalogue = Record<string, Message>;
type Bundle = Record<string, Record<string, Message>>; // file path → its flat messages

/** STORAGE_KEY holds the person's own language pick, shared by both apps. */
export const STORAGE_KEY = 'ocl.locale';

// One lazily loaded chunk per locale and app part (see bundles/): the attendee
// app never downloads the facilitator's messages.
// The attendee's first page loads only `shared`; a codelab adds `workshop`.
const bundles = {
  shared: import.meta.glob<Bundle>('./bundles/*.shared.ts', { import: 'default' }),
  workshop: import.meta.glob<Bundle>('./bundles/*.workshop.ts', { import: 'default' }),
  admin: import.meta.glob<Bundle>('./bundles/*.admin.ts', { import: 'default' }),
};
type Part = keyof typeof bundles;

const state = $state({ locale: DEFAULT_LOCALE, messages: {} as Catalogue, ready: false });
let formatters = new Map<string, IntlMessageFormat>();
const parts = new Set<Part>(['shared']); // the parts loaded so far, in every later language too
let workshopLoad: Promise<void> | null = null;
// loadForTest installs ICU source text (unit tests run with the real parser).
let sourceText = false;
let workshopDefault: string | null = null;
const listeners = new Set<(locale: string) => void>();

/** onLocaleChange calls fn with the showing language (pseudo-locale as 'en') after every load, the first included. */
export function onLocaleChange(fn: (locale: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** flatten turns {"file path": {key: text}} into {"namespace.key": text}. */
function flatten(bundle: Bundle): Catalogue {
  const out: Catalogue = {};
  for (const [path, messages] of Object.entries(bundle)) {
    const ns = path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');
    for (const [k, v] of Object.entries(messages)) out[`${ns}.${k}`] = v;
  }
  return out;
}

async function fetchCatalogue(locale: string, which: Iterable<Part>): Promise<Catalogue> {
  const file = locale === PSEUDO ? DEFAULT_LOCALE : locale;
  const loads = [...which].map((p) => bundles[p][`./bundles/${file}.${p}.ts`]);
  const loaded = await Promise.all(loads.filter(Boolean).map((load) => load()));
  return Object.assign({}, ...loaded.map(flatten));
}

async function apply(locale: string): Promise<void> {
  let wanted: number;
  let messages: Catalogue;
  do {
    wanted = parts.size; // a part added while this language loads is loaded too
    messages = await fetchCatalogue(locale, parts);
  } while (wanted !== parts.size);
  formatters = new Map();
  sourceText = false;
  state.locale = locale;
  state.messages = messages;
  state.ready = true;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale === PSEUDO ? 'en' : locale;
    document.documentElement.dir = direction(locale);
  }
  for (const fn of listeners) fn(locale === PSEUDO ? DEFAULT_LOCALE : locale);
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function ownPick(): string | null {
  // ?lang= wins for this page load only (tests, the pseudo-locale, a shared link).
  if (typeof location !== 'undefined') {
    const q = new URLSearchParams(location.search).get('lang');
    if (q && match(q)) return match(q);
  }
  return safeLocalStorage()?.getItem(STORAGE_KEY) ?? null;
}

/** initI18n loads the negotiated locale; mount the app after it resolves. */
export async function initI18n(opts: { admin?: boolean; workshop?: boolean } = {}): Promise<void> {
  if (opts.admin) parts.add('workshop').add('admin');
  if (opts.workshop) parts.add('workshop');
  await apply(negotiate(ownPick(), workshopDefault, browserLanguages()));
}

/**
 * loadWorkshopMessages adds the live workshop's namespaces (attLoop, comments,
 * polls, helpers) to the showing language; the attendee app awaits it before
 * a codelab's page renders. Loaded once; later languages include them.
 */
export function loadWorkshopMessages(): Promise<void> {
  if (parts.has('workshop')) return workshopLoad ?? Promise.resolve();
  parts.add('workshop');
  // Not a dependency of the caller: App's {#await} calls this, and a later
  // language change must not re-run it (that would remount the page).
  const loc = untrack(() => state.locale);
  workshopLoad = fetchCatalogue(loc, ['workshop']).then((extra) => {
    // Another language being applied meanwhile includes the part itself (apply's loop).
    if (state.locale === loc) state.messages = { ...state.messages, ...extra };
  });
  return workshopLoad;
}

/** setLocale is the person's own pick: remembered, and applied at once. */
export async function setLocale(code: string): Promise<void> {
  if (!isSupported(code)) return;
  if (code !== PSEUDO) safeLocalStorage()?.setItem(STORAGE_KEY, code);
  await apply(code);
}

/**
 * setWorkshopDefault applies the facilitator's language for this codelab
 * when the person has not picked one; '' clears it.
 */
export async function setWorkshopDefault(code: string | null | undefined): Promise<void> {
  workshopDefault = match(code ?? '') ?? null;
  const next = negotiate(ownPick(), workshopDefault, browserLanguages());
  if (next !== state.locale) await apply(next);
}

/** locale is the language showing now (a BCP 47 tag for Intl). */
export function locale(): string {
  return state.locale === PSEUDO ? 'en' : state.locale;
}

/** pickedLocale is the raw current choice, pseudo-locale included. */
export function currentLocale(): string {
  return state.locale;
}

/** t formats one message. A missing key shows the key itself (the catalogue check keeps this from shipping). */
export function t(key: MessageKey, values?: MessageValues): string {
  const text = state.messages[key];
  if (text === undefined) return key;
  let out: string;
  if (typeof text === 'string' && !sourceText) {
    out = text; // plain text, already unescaped by the build
  } else {
    let f = formatters.get(key);
    if (!f) {
      f = new IntlMessageFormat(text, locale());
      formatters.set(key, f);
    }
    out = String(f.format(values as Record<string, string | number | Date | boolean>));
  }
  return state.locale === PSEUDO ? pseudo(out) : out;
}

/** has tells whether a key exists, for codes that come from the server (error codes). */
export function has(key: string): key is MessageKey {
  return key in state.messages;
}

/** loadForTest installs messages directly (vitest runs without Vite's glob). */
export function loadForTest(loc: string, messages: Record<string, string>): void {
  formatters = new Map();
  sourceText = true;
  state.locale = loc;
  state.messages = messages;
  state.ready = true;
}
