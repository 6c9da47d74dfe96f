import { api } from './api-client';
import type { Attendee, HelpRequest } from '../types/live.type';
import type { Session, SessionDetail } from '../types/session.type';

const lab = (id: string) => `/api/admin/codelabs/${encodeURIComponent(id)}`;

/** adminSessionService lists and removes attendees, reads the help queue and runs a codelab's sessions. */
export const adminSessionService = {
  /** attendees and helpQueue are the live dashboard's snapshot before its socket replays. */
  attendees: (codelabId: string) => api.get<Attendee[]>(`${lab(codelabId)}/attendees`),
  helpQueue: (codelabId: string) => api.get<HelpRequest[]>(`${lab(codelabId)}/help`),
  /** removeAttendee closes the attendee out; chat 'delete' also deletes their messages. */
  removeAttendee: (codelabId: string, attendeeId: string, chat: 'keep' | 'delete') =>
    api.delete(`${lab(codelabId)}/attendees/${encodeURIComponent(attendeeId)}?chat=${chat}`),
  /** start archives the current session and opens an empty one. */
  start: (codelabId: string, title: string) => api.post<Session>(`${lab(codelabId)}/sessions`, { title }),
  list: (codelabId: string) => api.get<Session[]>(`${lab(codelabId)}/sessions`),
  get: (codelabId: string, sessionId: string) =>
    api.get<SessionDetail>(`${lab(codelabId)}/sessions/${encodeURIComponent(sessionId)}`),
};
