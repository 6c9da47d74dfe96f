/**
 * threads applies live comment frames to a list of threads. It is pure and
 * idempotent (a replayed frame changes nothing twice), so the REST snapshot
 * and the socket's replay can overlap freely.
 */
import type { CommentFrame, CommentThread, Sharing } from './comment.type';

export interface Applied {
  threads: CommentThread[];
  /** reload: the audience changed (sharing, a removal); fetch the list again. */
  reload: boolean;
  sharing?: Sharing;
}

export function applyFrame(threads: CommentThread[], f: CommentFrame): Applied {
  switch (f.type) {
    case 'comment_thread': {
      if (threads.some((t) => t.id === f.thread_id)) return { threads, reload: false };
      const t: CommentThread = {
        id: f.thread_id, step: f.step, quote: f.quote, author: f.from, status: 'open', created_at: f.at, resolved_at: null,
        messages: [{ id: f.message_id, from: f.from, text: f.text, at: f.at }],
      };
      return { threads: [...threads, t], reload: false };
    }
    case 'comment_reply':
      return {
        threads: threads.map((t) =>
          t.id !== f.thread_id || t.messages.some((m) => m.id === f.message_id)
            ? t
            : { ...t, messages: [...t.messages, { id: f.message_id, from: f.from, text: f.text, at: f.at }] },
        ),
        reload: false,
      };
    case 'comment_status':
      return {
        threads: threads.map((t) =>
          t.id === f.thread_id ? { ...t, status: f.status, resolved_at: f.status === 'resolved' ? f.at : null } : t,
        ),
        reload: false,
      };
    case 'comment_sharing':
      return { threads, reload: true, sharing: f.sharing };
    case 'attendee_removed':
      return { threads, reload: true };
  }
}

/** canReply tells whether me may reply in t under sharing (the server decides; this only hides the box). */
export function canReply(t: CommentThread, me: string, sharing: Sharing, admin = false): boolean {
  if (t.status !== 'open') return false;
  return admin || t.author.id === me || sharing === 'reply';
}
