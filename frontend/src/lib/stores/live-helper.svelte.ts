/**
 * HelperLive is a helper's (teaching assistant's) live view of one codelab:
 * the help queue with who is coming, the attendees with their steps (and how
 * long people took on each step, for the stuck marks), DM threads with
 * attendees, and whether the facilitator removed this helper. It loads the
 * REST snapshot, then replays the helper's events from seq 0 over
 * /api/helper/ws and stays live (docs/realtime.md, "Helpers"). What it
 * shares with the facilitator's view (rows, queue, DMs, the socket) is in LiveRoom.
 */
import { has, t, type MessageKey } from '../i18n/i18n.svelte';
import { CLOSE_REMOVED, type SocketCtor } from '../services/live-socket';
import { isApiError } from '../services/api-client';
import { HelperApi } from '../services/helper-service';
import { LiveRoom } from './live-room.svelte';
import type { Pending, ServerFrame } from '../types/live.type';
import type { HelperMe } from '../types/helper.type';

export interface HelperLiveOptions {
  token: string;
  apiBase?: string;
  onNotice?: (message: string, kind: 'info' | 'error') => void;
  WebSocket?: SocketCtor;
  fetch?: typeof fetch;
}

/** HelperEnded says why this helper view stopped for good. */
export type HelperEnded = '' | 'removed' | 'invalid';

export class HelperLive extends LiveRoom {
  me = $state<HelperMe | null>(null);
  ended = $state<HelperEnded>('');
  /** busy holds the request ids with a claim/resolve call in flight. */
  busy = $state<string[]>([]);

  readonly api: HelperApi;
  private readonly opts: HelperLiveOptions;

  constructor(opts: HelperLiveOptions) {
    super();
    this.opts = opts;
    this.api = new HelperApi(opts.token, opts.apiBase ?? '', opts.fetch);
  }

  get id(): string {
    return this.me?.helper.id ?? '';
  }

  protected get selfId(): string {
    return this.id;
  }

  protected get codelabId(): string {
    return this.me?.codelab.id ?? '';
  }

  /** start loads who this helper is and the room, then connects. */
  async start(): Promise<void> {
    try {
      const [me, people, help] = await Promise.all([this.api.me(), this.api.attendees(), this.api.help()]);
      this.me = me;
      this.loadSnapshot(people, help);
    } catch (e) {
      if (isApiError(e) && e.status === 401) this.ended = 'invalid';
      throw e;
    }
    const token = encodeURIComponent(this.opts.token);
    const conn = this.connect(
      {
        base: this.opts.apiBase ?? '',
        path: (since) => `/api/helper/ws?token=${token}&since=${since}`,
        outboxKey: `ocl.outbox.helper.${this.id}`,
        WebSocket: this.opts.WebSocket,
        onState: (s) => s === 'offline' && void this.checkStillValid(),
        onEnded: (e) => {
          if (e.code === CLOSE_REMOVED) this.ended = 'removed';
        },
        onSendError: (e) => this.opts.onNotice?.(has(`errors.${e.code}`) ? t(`errors.${e.code}` as MessageKey) : e.message, 'error'),
      },
      (f) => this.apply(f),
    );
    conn.start();
  }

  /** claim, unclaim and resolve go over HTTP so the button knows at once if it failed. */
  claim = (rid: string) => this.act(rid, () => this.api.claim(rid));
  unclaim = (rid: string) => this.act(rid, () => this.api.unclaim(rid));
  resolve = (rid: string) => this.act(rid, () => this.api.resolve(rid));

  /** pendingTo lists this thread's DMs still waiting for their ack. */
  pendingTo(attendeeId: string): Pending[] {
    return this.outbox.filter((p) => p.type === 'dm' && p.to === attendeeId);
  }

  read(attendeeId: string): void {
    this.unread[attendeeId] = 0;
  }

  private async act(rid: string, call: () => Promise<unknown>): Promise<void> {
    this.busy = [...this.busy, rid];
    try {
      await call();
    } catch (e) {
      if (isApiError(e) && e.status === 401) this.ended = 'removed';
      else this.opts.onNotice?.(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      this.busy = this.busy.filter((x) => x !== rid);
    }
  }

  /** checkStillValid tells a revoked token (the socket cannot say when it was offline) from a network drop. */
  private async checkStillValid(): Promise<void> {
    try {
      await this.api.me();
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        this.ended = 'removed';
        this.conn?.stop();
      }
    }
  }

  /** apply handles what only a helper sees; LiveRoom has applied the rest. */
  private apply(f: ServerFrame): void {
    if (f.type === 'attendee_removed') this.removeAttendee(f.attendee.id);
  }
}
