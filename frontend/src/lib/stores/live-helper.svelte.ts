/**
 * HelperLive is a helper's (teaching assistant's) live view of one codelab:
 * the help queue with who is coming, the attendees with their steps (and how
 * long people took on each step, for the stuck marks), DM threads with
 * attendees, and whether the facilitator removed this helper. It loads the
 * REST snapshot, then replays the helper's events from seq 0 over
 * /api/helper/ws and stays live (docs/realtime.md, "Helpers").
 */
import { has, t, type MessageKey } from '../i18n/i18n.svelte';
import { CLOSE_REMOVED, LiveSocket, type SocketCtor } from '../services/live-socket';
import { isApiError } from '../services/api-client';
import { HelperApi } from '../services/helper-service';
import { wsURL } from '../utils/ws-url';
import type { Attendee, ConnectionState, DmEvent, HelpRequest, Pending, ProgressEvent, ServerFrame } from '../types/live.type';
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

export class HelperLive {
  state = $state<ConnectionState>('connecting');
  me = $state<HelperMe | null>(null);
  rows = $state<Record<string, Attendee>>({});
  queue = $state<HelpRequest[]>([]);
  threads = $state<Record<string, DmEvent[]>>({});
  unread = $state<Record<string, number>>({});
  outbox = $state<Pending[]>([]);
  /** passed holds, per step, how long (ms) each attendee who moved past it spent on it. */
  passed = $state<Record<number, number[]>>({});
  ended = $state<HelperEnded>('');
  /** busy holds the request ids with a claim/resolve call in flight. */
  busy = $state<string[]>([]);

  readonly api: HelperApi;
  private readonly opts: HelperLiveOptions;
  private socket: LiveSocket | null = null;
  private readonly track = new Map<string, { step: number; since: number }>();
  private live = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(opts: HelperLiveOptions) {
    this.opts = opts;
    this.api = new HelperApi(opts.token, opts.apiBase ?? '', opts.fetch);
  }

  get id(): string {
    return this.me?.helper.id ?? '';
  }

  get attendees(): Attendee[] {
    return Object.values(this.rows).sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  /** start loads who this helper is and the room, then connects. */
  async start(): Promise<void> {
    try {
      const [me, people, help] = await Promise.all([this.api.me(), this.api.attendees(), this.api.help()]);
      this.me = me;
      for (const a of people) {
        this.rows[a.id] = a;
        this.track.set(a.id, { step: 1, since: Date.parse(a.created_at) });
      }
      this.queue = help;
    } catch (e) {
      if (isApiError(e) && e.status === 401) this.ended = 'invalid';
      throw e;
    }
    const token = encodeURIComponent(this.opts.token);
    const socket = new LiveSocket({
      url: (since) => wsURL(this.opts.apiBase ?? '', `/api/helper/ws?token=${token}&since=${since}`),
      outboxKey: `ocl.outbox.helper.${this.id}`,
      WebSocket: this.opts.WebSocket,
    });
    this.socket = socket;
    this.outbox = socket.outbox;
    this.cleanups.push(
      socket.onFrame((f) => this.apply(f)),
      socket.onState((s) => {
        this.state = s;
        if (s === 'offline') void this.checkStillValid();
      }),
      socket.onEnded((e) => {
        if (e.code === CLOSE_REMOVED) this.ended = 'removed';
      }),
      socket.onOutbox((o) => (this.outbox = o)), // the socket drops a pending copy when its own event (same cid) arrives
      socket.onSendError((e) => this.opts.onNotice?.(has(`errors.${e.code}`) ? t(`errors.${e.code}` as MessageKey) : e.message, 'error')),
    );
    socket.start();
  }

  destroy(): void {
    for (const c of this.cleanups) c();
    this.socket?.stop();
  }

  /** claim, unclaim and resolve go over HTTP so the button knows at once if it failed. */
  claim = (rid: string) => this.act(rid, () => this.api.claim(rid));
  unclaim = (rid: string) => this.act(rid, () => this.api.unclaim(rid));
  resolve = (rid: string) => this.act(rid, () => this.api.resolve(rid));

  sendDm(to: string, text: string): void {
    this.socket?.send({ type: 'dm', to, text });
  }

  announce(text: string): void {
    this.socket?.send({ type: 'announcement', text });
  }

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
        this.socket?.stop();
      }
    }
  }

  private apply(f: ServerFrame): void {
    switch (f.type) {
      case 'ready':
        this.live = true;
        for (const r of Object.values(this.rows)) r.online = f.online.includes(r.id);
        return;
      case 'presence':
        if (this.rows[f.attendee.id]) this.rows[f.attendee.id].online = f.online;
        else if (f.online) this.ensureRow(f.attendee.id, f.attendee.name, new Date().toISOString()).online = true;
        return;
      case 'progress':
        this.applyProgress(f);
        return;
      case 'help':
        if (!this.queue.some((q) => q.id === f.request.id)) this.queue = renumber([...this.queue, f.request]);
        return;
      case 'help_resolved':
        this.queue = renumber(this.queue.filter((q) => q.id !== f.request_id));
        return;
      case 'help_claimed':
        this.queue = this.queue.map((q) => (q.id === f.request_id ? { ...q, claimed_by: f.claimed_by } : q));
        return;
      case 'dm': {
        const key = f.from.id === this.id ? f.to.id : f.from.id;
        this.threads[key] ??= [];
        this.threads[key].push(f);
        if (this.live && f.from.id !== this.id) this.unread[key] = (this.unread[key] ?? 0) + 1;
        return;
      }
      case 'attendee_removed':
        delete this.rows[f.attendee.id];
        this.queue = renumber(this.queue.filter((q) => q.attendee.id !== f.attendee.id));
        return;
      case 'session_started':
        if (!this.live) return;
        this.rows = {};
        this.queue = [];
        this.threads = {};
        this.passed = {};
        this.track.clear();
        return;
    }
  }

  private applyProgress(f: ProgressEvent): void {
    const row = this.ensureRow(f.attendee.id, f.attendee.name, f.at);
    row.current_step = f.current_step;
    row.completed_steps = f.completed_steps ?? [];
    row.step_started_at = f.step_started_at;
    const started = Date.parse(f.step_started_at);
    const t = this.track.get(row.id);
    if (t && t.step !== f.current_step && f.current_step > t.step && Number.isFinite(started) && started >= t.since) {
      this.passed[t.step] ??= [];
      this.passed[t.step].push(started - t.since);
    }
    if (!t || t.step !== f.current_step) this.track.set(row.id, { step: f.current_step, since: started });
  }

  private ensureRow(id: string, name: string, at: string): Attendee {
    this.rows[id] ??= {
      id,
      codelab_id: this.me?.codelab.id ?? '',
      name,
      current_step: 1,
      completed_steps: [],
      step_started_at: at,
      created_at: at,
      online: false,
    };
    return this.rows[id];
  }
}

function renumber(q: HelpRequest[]): HelpRequest[] {
  return [...q].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((r, i) => ({ ...r, position: i + 1 }));
}
