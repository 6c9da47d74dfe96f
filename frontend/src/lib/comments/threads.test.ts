import { describe, expect, it } from 'vitest';
import { applyFrame, canReply } from './threads';
import type { CommentThread } from './comment.type';

const ann = { id: 'a1', name: 'Ann' };
const admin = { id: 'admin', name: 'Facilitator' };
const quote = { exact: 'Run it.', prefix: 'Then ', suffix: '' };
const opened = { type: 'comment_thread' as const, seq: 5, at: '2026-01-01T10:00:00Z', thread_id: 't1', step: 2, quote, message_id: 'm1', text: 'Why?', from: ann };
const reply = { type: 'comment_reply' as const, seq: 6, at: '2026-01-01T10:01:00Z', thread_id: 't1', step: 2, message_id: 'm2', text: 'Because.', from: admin };

describe('applyFrame', () => {
  it('builds a thread from its frames and ignores replays', () => {
    let ts: CommentThread[] = [];
    for (const f of [opened, reply, opened, reply]) ts = applyFrame(ts, f).threads;
    expect(ts).toHaveLength(1);
    expect(ts[0].messages.map((m) => m.text)).toEqual(['Why?', 'Because.']);
    expect(ts[0].author).toEqual(ann);
    ts = applyFrame(ts, { type: 'comment_status', seq: 7, at: '2026-01-01T10:02:00Z', thread_id: 't1', step: 2, status: 'resolved', by: admin }).threads;
    expect(ts[0].status).toBe('resolved');
    expect(ts[0].resolved_at).toBe('2026-01-01T10:02:00Z');
  });

  it('asks for a reload when the audience changes', () => {
    const out = applyFrame([], { type: 'comment_sharing', seq: 8, at: '', sharing: 'reply' });
    expect(out).toEqual({ threads: [], reload: true, sharing: 'reply' });
  });

  it('lets the author, the facilitator and (with replies shared) others reply to open threads', () => {
    const t = applyFrame([], opened).threads[0];
    expect(canReply(t, 'a1', 'private')).toBe(true);
    expect(canReply(t, 'b2', 'read')).toBe(false);
    expect(canReply(t, 'b2', 'reply')).toBe(true);
    expect(canReply(t, 'admin', 'private', true)).toBe(true);
    expect(canReply({ ...t, status: 'resolved' }, 'a1', 'reply')).toBe(false);
  });
});
