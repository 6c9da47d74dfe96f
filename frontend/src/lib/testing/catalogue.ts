// Test helper: installs a language's real catalogue (all its namespace files)
// so unit tests assert the words people read, not message keys.
import { loadForTest } from '../i18n/i18n.svelte';

const files = import.meta.glob<Record<string, string>>('../i18n/messages/*/*.json', { eager: true, import: 'default' });

/** catalogue is one locale's messages as {"namespace.key": text}. */
export function catalogue(locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(files)) {
    const m = /messages\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m || m[1] !== locale) continue;
    for (const [k, v] of Object.entries(messages)) out[`${m[2]}.${k}`] = v;
  }
  return out;
}

/** useCatalogue loads a locale (English by default) into t(). */
export function useCatalogue(locale = 'en'): void {
  loadForTest(locale, catalogue(locale));
}
