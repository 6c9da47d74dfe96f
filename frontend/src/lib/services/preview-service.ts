/**
 * preview-service lets the facilitator read a codelab as attendees will,
 * hidden or not, from the laptop only: it reads the codelab through the
 * admin API (admin token, loopback only on the server), so nothing is
 * registered and no progress is written.
 */
import { ApiClient, api } from './api-client';
import type { Codelab } from '../types/codelab.type';

/** ADMIN_TOKEN_KEY is where the facilitator app keeps its token (admin-session.ts). */
const ADMIN_TOKEN_KEY = 'ocl.adminToken';

/**
 * takePreviewToken finds the admin token: `?token=` in the hash (the desktop
 * window passes it, being another origin), which is then stored for this tab
 * and wiped from the address bar, else what the facilitator app stored.
 */
export function takePreviewToken(win: Window = window): string {
  const h = win.location.hash;
  const q = h.includes('?') ? new URLSearchParams(h.slice(h.indexOf('?') + 1)) : null;
  const fromHash = q?.get('token') ?? '';
  if (fromHash) {
    try {
      win.sessionStorage.setItem(ADMIN_TOKEN_KEY, fromHash);
    } catch {
      // storage blocked: the token lives in this page only
    }
    win.history.replaceState(win.history.state, '', h.slice(0, h.indexOf('?')));
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(ADMIN_TOKEN_KEY) || win.localStorage.getItem(ADMIN_TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

/** previewHref is the attendee-app address of a codelab's preview; `token` is for another origin. */
export function previewHref(apiBase: string, id: string, token = ''): string {
  return `${apiBase}/#/preview/${encodeURIComponent(id)}` + (token ? `?token=${encodeURIComponent(token)}` : '');
}

export const previewService = {
  get: (id: string, token: string) =>
    new ApiClient({ base: api.base, token }).get<Codelab>(`/api/admin/codelabs/${encodeURIComponent(id)}`),
};
