/**
 * attendee-service is the attendee's side of the live workshop REST API
 * (docs/api.md, "Live workshop") plus where the attendee token lives: one
 * token per codelab in localStorage, so a returning browser is the same
 * attendee and continues at its step.
 */
import { api, ApiClient } from './api-client';
import { safeLocalStorage, type StorageLike } from '../utils/storage';
import type { Attendee, HelpRequest, Registration } from '../types/live.type';

/** StoredAttendee is what the browser remembers about its registration in a codelab. */
export interface StoredAttendee {
  token: string;
  id: string;
  name: string;
  continue_code: string;
}

const PREFIX = 'ocl.attendee.';

/** tokenKey is the storage key of a codelab's attendee session. */
export function tokenKey(codelabId: string): string {
  return PREFIX + codelabId;
}

/** loadAttendee reads the stored session of a codelab, or null. */
export function loadAttendee(codelabId: string, storage: StorageLike | null = safeLocalStorage()): StoredAttendee | null {
  try {
    const v = JSON.parse(storage?.getItem(tokenKey(codelabId)) ?? 'null') as StoredAttendee | null;
    return v && typeof v.token === 'string' && v.token ? v : null;
  } catch {
    return null;
  }
}

/** saveAttendee remembers a registration (or a continue) for the codelab. */
export function saveAttendee(codelabId: string, reg: Registration, storage: StorageLike | null = safeLocalStorage()): StoredAttendee {
  const s: StoredAttendee = {
    token: reg.token,
    id: reg.attendee.id,
    name: reg.attendee.name,
    continue_code: reg.continue_code,
  };
  try {
    storage?.setItem(tokenKey(codelabId), JSON.stringify(s));
  } catch {
    // storage blocked: the session lasts as long as the page
  }
  return s;
}

/** forgetAttendee drops a session the server no longer accepts. */
export function forgetAttendee(codelabId: string, storage: StorageLike | null = safeLocalStorage()): void {
  try {
    storage?.removeItem(tokenKey(codelabId));
  } catch {
    // nothing to forget
  }
}

/** normaliseContinueCode uppercases a typed code and drops spaces and dashes, as the server does. */
export function normaliseContinueCode(s: string): string {
  return s.toUpperCase().replace(/[\s-]+/g, '');
}

/** useAttendeeToken makes the shared client send this codelab's attendee token (it unlocks access-coded steps). */
export function useAttendeeToken(codelabId: string): StoredAttendee | null {
  const s = loadAttendee(codelabId);
  api.configure({ token: s?.token ?? '' });
  return s;
}

/** withToken is a client on the shared base that sends this attendee token. */
export function withToken(token: string): ApiClient {
  return new ApiClient({ base: api.base, token });
}

const lab = (id: string) => `/api/codelabs/${encodeURIComponent(id)}`;

/** attendeeService holds the attendee REST calls. */
export const attendeeService = {
  register: (codelabId: string, name: string, code: string) =>
    withToken('').post<Registration>(`${lab(codelabId)}/attendees`, { name, code }),
  continueWith: (codelabId: string, continueCode: string) =>
    withToken('').post<Registration>(`${lab(codelabId)}/attendees/continue`, {
      continue_code: normaliseContinueCode(continueCode),
    }),
  me: (token: string) => withToken(token).get<Attendee>('/api/me'),
  myHelp: (token: string) => withToken(token).get<{ request: HelpRequest | null }>('/api/me/help'),
};
