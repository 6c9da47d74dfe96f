/**
 * PollBoard follows the live polls of one codelab for one reader: the
 * facilitator (dashboard, projector) or an attendee (banner). It loads the
 * REST snapshot when the socket is ready (poll_results frames are not
 * replayed) and applies poll frames; the counts always come from the server.
 */
import type { PollFrame, PollResults, PollView } from '../types/poll.type';

export interface PollBoardOptions {
  /** load fetches the snapshot: every poll of the current session, newest first. */
  load: () => Promise<PollView[]>;
  /** me is the attendee's id (attendee boards), '' for the facilitator. */
  me?: string;
  onError?: (e: unknown) => void;
}

type Frame = PollFrame | { type: string };

export class PollBoard {
  polls = $state<PollView[]>([]);
  loaded = $state(false);
  private readonly opts: PollBoardOptions;
  private loading = 0;

  constructor(opts: PollBoardOptions) {
    this.opts = opts;
  }

  get admin(): boolean {
    return !this.opts.me;
  }

  /** open is the poll taking answers now, if any (one at a time). */
  get open(): PollView | undefined {
    return this.polls.find((p) => p.status === 'open');
  }

  /** current is what to put in front of people: the open poll, else the newest poll if its results are shown. */
  get current(): PollView | undefined {
    return this.open ?? (this.polls[0]?.results_shown ? this.polls[0] : undefined);
  }

  /** latest is the newest poll (the attendee's banner shows it, even closed). */
  get latest(): PollView | undefined {
    return this.polls[0];
  }

  load = async (): Promise<void> => {
    const n = ++this.loading;
    try {
      const polls = await this.opts.load();
      if (n !== this.loading) return; // a newer load is on its way
      this.polls = polls;
      this.loaded = true;
    } catch (e) {
      this.opts.onError?.(e);
    }
  };

  /** apply takes any live frame; the ones about polls update the board. */
  apply = (f: Frame): void => {
    switch (f.type) {
      case 'ready':
      case 'session_started':
        void this.load();
        return;
      case 'poll': {
        const e = f as Extract<PollFrame, { type: 'poll' }>;
        const old = this.polls.find((p) => p.id === e.poll.id);
        let results: PollResults | undefined = e.results ?? (this.admin ? old?.results : undefined);
        if (!results && this.admin) results = { counts: e.poll.options.map(() => 0), total: 0 };
        const next: PollView = { ...e.poll, results, my_answer: old?.my_answer };
        this.polls = old ? this.polls.map((p) => (p.id === next.id ? next : p)) : [next, ...this.polls];
        return;
      }
      case 'poll_answer': {
        const e = f as Extract<PollFrame, { type: 'poll_answer' }>;
        if (this.admin || e.attendee.id !== this.opts.me) return;
        this.polls = this.polls.map((p) => (p.id === e.poll_id ? { ...p, my_answer: e.option } : p));
        return;
      }
      case 'poll_results': {
        const e = f as Extract<PollFrame, { type: 'poll_results' }>;
        this.polls = this.polls.map((p) => (p.id === e.poll_id ? { ...p, results: e.results } : p));
        return;
      }
    }
  };

  /** choose marks an answer on screen at once; the server's poll_answer (or an error) settles it. */
  choose = (pollId: string, option: number): void => {
    this.polls = this.polls.map((p) => (p.id === pollId ? { ...p, my_answer: option } : p));
  };

  /** replace puts a poll the REST answer returned in place (facilitator actions). */
  replace = (v: PollView): void => {
    const known = this.polls.some((p) => p.id === v.id);
    this.polls = known ? this.polls.map((p) => (p.id === v.id ? { ...p, ...v } : p)) : [v, ...this.polls];
  };
}

/** percent is a count's share of the total, rounded (0 when nobody answered). */
export function percent(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}
