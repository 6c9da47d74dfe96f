// The languages both apps ship, in the order the picker lists them. Names are
// each language's own name, so a reader finds theirs whatever is showing.
export interface LocaleInfo {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

export const LOCALES: readonly LocaleInfo[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ko', name: '한국어', dir: 'ltr' },
  { code: 'ja', name: '日本語', dir: 'ltr' },
  { code: 'zh-CN', name: '简体中文', dir: 'ltr' },
  { code: 'zh-TW', name: '繁體中文', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

/** PSEUDO is the test-only pseudo-locale: accented and 40 % longer English. */
export const PSEUDO = 'en-XA';

export const DEFAULT_LOCALE = 'en';

export function isSupported(code: string): boolean {
  return code === PSEUDO || LOCALES.some((l) => l.code === code);
}

export function direction(code: string): 'ltr' | 'rtl' {
  return LOCALES.find((l) => l.code === code)?.dir ?? 'ltr';
}

/**
 * match maps a BCP 47 tag from a browser or a setting onto a shipped locale:
 * exact first, then Chinese by script or region (zh-Hant, zh-HK, zh-MO → zh-TW,
 * other zh → zh-CN), then any pt → pt-BR, then the bare language.
 */
export function match(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const t = tag.trim();
  if (!t) return null;
  if (t.toLowerCase() === PSEUDO.toLowerCase()) return PSEUDO;
  const exact = LOCALES.find((l) => l.code.toLowerCase() === t.toLowerCase());
  if (exact) return exact.code;
  const parts = t.toLowerCase().split(/[-_]/);
  const lang = parts[0];
  if (lang === 'zh') {
    return parts.some((p) => p === 'hant' || p === 'tw' || p === 'hk' || p === 'mo') ? 'zh-TW' : 'zh-CN';
  }
  if (lang === 'pt') return 'pt-BR';
  return LOCALES.find((l) => l.code === lang)?.code ?? null;
}

/**
 * negotiate picks the locale: the person's own pick, then the workshop's
 * default set by the facilitator, then the browser's languages in order,
 * then English.
 */
export function negotiate(own: string | null, workshop: string | null, browser: readonly string[]): string {
  for (const c of [own, workshop, ...browser]) {
    const m = match(c);
    if (m) return m;
  }
  return DEFAULT_LOCALE;
}
