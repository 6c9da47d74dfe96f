import { describe, expect, it } from 'vitest';
import { CommentsState } from './comments.svelte';
import type { CommentList } from './comment.type';

const ann = { id: 'a1', name: 'Ann' };
const quote = { exact: 'Run it.', prefix: '', suffix: '' };
const opened = { type: 'comment_thread', seq: 5, at: '2026-01-01T10:00:00Z', thread_id: 't1', step: 2, quote, message_id: 'm1', text: 'Why?', from: ann };

function deferred() {
  let resolve!: (l: CommentList) => void;
  const p = new Promise<CommentList>((r) => (resolve = r));
  return { p, resolve };
}

describe('CommentsState', () => {
  it('keeps a frame that arrives while an older snapshot is loading', async () => {
    const d = deferred();
    const s = new CommentsState(() => d.p);
    const loading = s.refresh();
    s.apply(opened); // committed after the snapshot was read
    d.resolve({ sharing: 'private', threads: [] });
    await loading;
    expect(s.threads.map((t) => t.id)).toEqual(['t1']);
    expect(s.loaded).toBe(true);
  });

  it('reloads when the sharing changes and ignores other frames', async () => {
    let calls = 0;
    const s = new CommentsState(async () => {
      calls++;
      return { sharing: 'read', threads: [] };
    });
    s.apply({ type: 'chat' });
    expect(calls).toBe(0);
    s.apply({ type: 'comment_sharing', seq: 9, at: '', sharing: 'read' } as never);
    await Promise.resolve();
    expect(calls).toBe(1);
    expect(s.sharing).toBe('read');
  });
});
