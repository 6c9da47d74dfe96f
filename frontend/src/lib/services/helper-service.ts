/**
 * helper-service is the helper's (teaching assistant's) side of the API
 * (docs/api.md, "Helpers") and where the helper token lives in this browser.
 * The invitation link carries the token in the fragment (`#/helper/TOKEN`);
 * the page stores it and drops it from the address bar.
 */
import { ApiClient } from './api-client';
import { safeLocalStorage, type StorageLike } from '../utils/storage';
import type { Attendee, HelpRequest } from '../types/live.type';
import type { HelperMe } from '../types/helper.type';

/** HELPER_KEY is the storage key of this browser's helper token. */
export const HELPER_KEY = 'ocl.helper.token';

export function loadHelperToken(storage: StorageLike | null = safeLocalStorage()): string {
  try {
    return storage?.getItem(HELPER_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveHelperToken(token: string, storage: StorageLike | null = safeLocalStorage()): void {
  try {
    if (token) storage?.setItem(HELPER_KEY, token);
    else storage?.removeItem(HELPER_KEY);
  } catch {
    // storage blocked: the token lasts as long as the page
  }
}

/** HelperApi calls the helper endpoints with one helper token. */
export class HelperApi {
  readonly client: ApiClient;

  constructor(
    readonly token: string,
    base = '',
    fetchFn?: typeof fetch,
  ) {
    this.client = new ApiClient({ base, token, fetch: fetchFn });
  }

  me = () => this.client.get<HelperMe>('/api/helper/me');
  attendees = () => this.client.get<Attendee[]>('/api/helper/attendees');
  help = () => this.client.get<HelpRequest[]>('/api/helper/help');
  claim = (rid: string) => this.client.post<unknown>(`/api/helper/help/${encodeURIComponent(rid)}/claim`);
  unclaim = (rid: string) => this.client.delete<unknown>(`/api/helper/help/${encodeURIComponent(rid)}/claim`);
  resolve = (rid: string) => this.client.post<unknown>(`/api/helper/help/${encodeURIComponent(rid)}/resolve`);
  announce = (text: string) => this.client.post<unknown>('/api/helper/announcements', { text });
}
