import type { Attendee, Person } from './live.type';

/** Session is one run of a codelab (docs/api.md, “Attendees and sessions”). */
export interface Session {
  id: string;
  codelab_id: string;
  title: string;
  started_at: string;
  ended_at: string | null;
  current: boolean;
  attendee_count: number;
  chat_count: number;
  help_count: number;
}

/** SessionDetail is a session with its room, read-only once archived. */
export interface SessionDetail extends Session {
  attendees: Attendee[];
  help: { id: string; attendee: Person; step: number; created_at: string; resolved_at: string | null }[];
  messages: { type: string; seq: number; text: string; from: Person; to?: Person; at: string }[];
}
