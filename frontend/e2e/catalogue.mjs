// catalogue.mjs: the app's message catalogue as the i18n tests read it, so
// the words they expect come from the catalogue files, never from a test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const messagesDir = resolve(import.meta.dirname, '..', 'src', 'lib', 'i18n', 'messages');

/** readCatalogue reads one locale's messages of the given namespaces as {"ns.key": text}. */
export function readCatalogue(locale, namespaces) {
  const out = {};
  for (const ns of namespaces) {
    const msgs = JSON.parse(readFileSync(resolve(messagesDir, locale, `${ns}.json`), 'utf8'));
    for (const [k, v] of Object.entries(msgs)) out[`${ns}.${k}`] = v;
  }
  return out;
}
