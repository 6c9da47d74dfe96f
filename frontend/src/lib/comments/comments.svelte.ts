/**
 * CommentsState is one codelab's comment threads as a viewer sees them: a
 * REST snapshot kept current by the live frames (threads.ts). Both apps use
 * it; `load` is the attendee's or the facilitator's list call.
 */
import { applyFrame } from './threads';
import { isCommentFrame, type CommentFrame, type CommentList, type CommentThread, type Sharing } from './comment.type';

export class CommentsState {
  threads = $state<CommentThread[]>([]);
  sharing = $state<Sharing>('private');
  loaded = $state(false);
  private readonly load: () => Promise<CommentList>;
  private loading: Promise<void> | null = null;
  /** during: frames that arrived while a snapshot was loading, applied again on top of it. */
  private during: CommentFrame[] = [];

  constructor(load: () => Promise<CommentList>) {
    this.load = load;
  }

  /** refresh reloads the snapshot (on start, after a reconnect, when the audience changed). */
  refresh = (): Promise<void> => {
    this.loading ??= this.load()
      .then((l) => {
        let threads = l.threads;
        for (const f of this.during) threads = applyFrame(threads, f).threads;
        this.threads = threads;
        this.sharing = l.sharing;
        this.loaded = true;
      })
      .catch(() => {
        // keep what we have; the next frame or reconnect tries again
      })
      .finally(() => {
        this.loading = null;
        this.during = [];
      });
    return this.loading;
  };

  /** apply follows any live frame; other types are ignored. */
  apply = (f: { type: string }): void => {
    if (f.type === 'ready') {
      void this.refresh();
      return;
    }
    if (!isCommentFrame(f)) return;
    if (this.loading) this.during.push(f);
    const out = applyFrame(this.threads, f);
    this.threads = out.threads;
    if (out.sharing) this.sharing = out.sharing;
    if (out.reload) void this.refresh();
  };

  /** add puts a thread this client just created in place before its frame arrives. */
  add(t: CommentThread): void {
    if (!this.threads.some((x) => x.id === t.id)) this.threads = [...this.threads, t];
  }

  forStep(step: number): CommentThread[] {
    return this.threads.filter((t) => t.step === step);
  }
}
