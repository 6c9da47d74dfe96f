// The colour theme: the person's pick (System, Light, Dark), remembered in
// this browser and shared by both apps. public/theme-boot.js applies the same
// rule before the first paint; this module keeps <html data-theme> right when
// the pick or, under System, the operating system's scheme changes.
import { safeLocalStorage, type StorageLike } from '../utils/storage';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/** THEME_KEY is the localStorage key; theme-boot.js reads the same one. */
export const THEME_KEY = 'ocl.theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** readChoice is the stored pick, 'system' when none or unknown. */
export function readChoice(store: StorageLike | null): ThemeChoice {
  const v = store?.getItem(THEME_KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

/** resolveTheme turns a pick into the theme to show. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

const state = $state({ choice: 'system' as ThemeChoice, systemDark: false });
let started = false;

function systemQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(DARK_QUERY) : null;
}

function paint(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.setAttribute('data-theme', resolveTheme(state.choice, state.systemDark));
}

/** initTheme reads the pick and follows the system's scheme while it is "system". */
export function initTheme(): void {
  if (started) return;
  started = true;
  state.choice = readChoice(safeLocalStorage());
  const q = systemQuery();
  state.systemDark = !!q?.matches;
  q?.addEventListener('change', (e) => {
    state.systemDark = e.matches;
    paint();
  });
  paint();
}

/** setTheme is the person's pick: remembered and applied at once. */
export function setTheme(choice: ThemeChoice): void {
  if (!THEME_CHOICES.includes(choice)) return;
  state.choice = choice;
  const store = safeLocalStorage();
  if (choice === 'system') store?.removeItem(THEME_KEY);
  else store?.setItem(THEME_KEY, choice);
  paint();
}

export function themeChoice(): ThemeChoice {
  return state.choice;
}

/** currentTheme is the theme showing now. */
export function currentTheme(): Theme {
  return resolveTheme(state.choice, state.systemDark);
}
