/** Inline comments on steps: docs/api.md and docs/realtime.md, section Inline comments. */
import type { TextQuote } from './text-quote';

export type Sharing = 'private' | 'read' | 'reply';
export type ThreadStatus = 'open' | 'resolved';

export interface Person {
  id: string;
  name: string;
}

export interface CommentMessage {
  id: string;
  from: Person;
  text: string;
  at: string;
}

export interface CommentThread {
  id: string;
  step: number;
  quote: TextQuote;
  author: Person;
  status: ThreadStatus;
  created_at: string;
  resolved_at: string | null;
  messages: CommentMessage[];
}

export interface CommentList {
  sharing: Sharing;
  threads: CommentThread[];
}

/** The persisted frames about comments (each with seq and at). */
export type CommentFrame =
  | { type: 'comment_thread'; seq: number; at: string; thread_id: string; step: number; quote: TextQuote; message_id: string; text: string; from: Person }
  | { type: 'comment_reply'; seq: number; at: string; thread_id: string; step: number; message_id: string; text: string; from: Person }
  | { type: 'comment_status'; seq: number; at: string; thread_id: string; step: number; status: ThreadStatus; by: Person }
  | { type: 'comment_sharing'; seq: number; at: string; sharing: Sharing }
  | { type: 'attendee_removed'; seq: number; at: string; attendee: Person };

const TYPES = new Set(['comment_thread', 'comment_reply', 'comment_status', 'comment_sharing', 'attendee_removed']);

/** isCommentFrame picks the frames the comment state follows out of every live frame. */
export function isCommentFrame(f: { type: string }): f is CommentFrame {
  return TYPES.has(f.type);
}
