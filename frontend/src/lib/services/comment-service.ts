/** comment-service: inline comments on steps (docs/api.md, section Inline comments). */
import { api } from './api-client';
import { withToken } from './attendee-service';
import type { CommentList, CommentMessage, CommentThread, Sharing } from '../comments/comment.type';
import type { TextQuote } from '../comments/text-quote';

const enc = encodeURIComponent;
const mine = (id: string) => `/api/codelabs/${enc(id)}/comments`;
const admin = (id: string) => `/api/admin/codelabs/${enc(id)}/comments`;

interface Written {
  seq: number;
  event: Record<string, unknown>;
}

export const commentService = {
  /** mine lists the threads this attendee may see. */
  mine: (token: string, id: string) => withToken(token).get<CommentList>(mine(id)),
  create: (token: string, id: string, step: number, quote: TextQuote, text: string) =>
    withToken(token).post<Written & { thread: CommentThread }>(mine(id), { step, quote, text }),
  reply: (token: string, id: string, threadId: string, text: string) =>
    withToken(token).post<Written>(`${mine(id)}/${enc(threadId)}/replies`, { text }),

  /** all is the facilitator's list: every thread of the codelab. */
  all: (id: string) => api.get<CommentList>(admin(id)),
  adminReply: (id: string, threadId: string, text: string) =>
    api.post<Written>(`${admin(id)}/${enc(threadId)}/replies`, { text }),
  resolve: (id: string, threadId: string) => api.post<Written>(`${admin(id)}/${enc(threadId)}/resolve`),
  reopen: (id: string, threadId: string) => api.post<Written>(`${admin(id)}/${enc(threadId)}/reopen`),
  setSharing: (id: string, sharing: Sharing) => api.put<{ sharing: Sharing }>(`${admin(id)}/settings`, { sharing }),
};

export type { CommentMessage };
