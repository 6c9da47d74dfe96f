import type { AdminSession } from '../lib/types/api.type';
import { desktopAdminSession, isDesktop } from '../lib/services/desktop-bridge';

/** TOKEN_KEY is where the admin token is remembered across reloads and tabs. */
export const TOKEN_KEY = 'ocl.adminToken';

/** tokenFromHash reads `token` from `#token=…` (or `#/path?token=…`). */
export function tokenFromHash(hash: string): string {
  const h = hash.replace(/^#/, '');
  const query = h.includes('?') ? h.slice(h.indexOf('?') + 1) : h;
  return new URLSearchParams(query).get('token') ?? '';
}

function storages(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(window.sessionStorage, window.localStorage);
  } catch {
    // storage disabled: the token lives only in this page
  }
  return out;
}

/** SessionProblem is why there is no facilitator session: no token, a refused one, or another computer. */
export type SessionProblem = 'missing' | 'wrong' | 'remote';

/** sessionProblem classifies the server's refusal of the session check (401 wrong token, 403 not loopback). */
export function sessionProblem(status: number, code: string): SessionProblem {
  if (status === 403 || code === 'admin_loopback_only') return 'remote';
  return 'wrong';
}

/** forgetToken drops a token the server refused, so the next load shows the help screen. */
export function forgetToken(): void {
  for (const s of storages()) s.removeItem(TOKEN_KEY);
}

/**
 * resolveAdminSession finds the admin token: from the Wails binding in the
 * desktop window, else from the URL hash (then stored and wiped from the
 * address bar), else from storage. Null means there is none.
 */
export async function resolveAdminSession(): Promise<AdminSession | null> {
  if (isDesktop()) {
    const s = await desktopAdminSession();
    return { token: s.token, apiBase: s.apiBase, desktop: true };
  }
  const fromHash = tokenFromHash(window.location.hash);
  if (fromHash) {
    for (const s of storages()) s.setItem(TOKEN_KEY, fromHash);
    window.history.replaceState(window.history.state, '', '#/');
    return { token: fromHash, apiBase: '', desktop: false };
  }
  for (const s of storages()) {
    const t = s.getItem(TOKEN_KEY);
    if (t) return { token: t, apiBase: '', desktop: false };
  }
  return null;
}
