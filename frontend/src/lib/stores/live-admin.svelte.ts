/**
 * AdminLive is the facilitator's live view of one codelab: attendees and
 * their steps, the help queue, room chat, one DM thread per attendee and
 * announcements. It loads the REST snapshot first, then replays every event
 * from seq 0 over the admin WebSocket (which also yields how long each
 * attendee spent on each step they passed) and stays live.
 */
import type { SocketCtor } from '../services/live-socket';
import { LiveConnection } from './live-connection.svelte';
import { adminSessionService } from '../services/admin-session-service';
import type {
  AnnouncementEvent,
  Attendee,
  ChatEvent,
  ConnectionState,
  DmEvent,
  HelpRequest,
  Pending,
  ProgressEvent,
  ServerFrame,
} from '../types/live.type';

export { STUCK_FLOOR_MS, median, isStuck, stuckReference, stuckAgainst, histogram } from '../utils/dashboard-rules';

/** Row is one attendee in the dashboard table. */
export type Row = Attendee;

export interface AdminLiveOptions {
  codelabId: string;
  apiBase: string;
  token: string;
  /** onHelp is called for each help request that arrives live (not replayed history). */
  onHelp?: (r: HelpRequest) => void;
  onNotice?: (message: string, kind: 'info' | 'error') => void;
  /** onCodelabUpdated reloads step titles after an edit. */
  onCodelabUpdated?: () => void;
  /** onFrame sees every frame after this store applied it; `live` is false while history replays. */
  onFrame?: (f: ServerFrame, live: boolean) => void;
  WebSocket?: SocketCtor;
}

export class AdminLive {
  rows = $state<Record<string, Row>>({});
  queue = $state<HelpRequest[]>([]);
  chat = $state<ChatEvent[]>([]);
  threads = $state<Record<string, DmEvent[]>>({});
  announcements = $state<AnnouncementEvent[]>([]);
  unread = $state<Record<string, number>>({});
  /** active is the chat thread on screen: 'room' or an attendee id. */
  active = $state('room');
  /** passed holds, per step, how long (ms) each attendee who moved past it spent on it. */
  passed = $state<Record<number, number[]>>({});
  loadError = $state('');

  private readonly opts: AdminLiveOptions;
  private readonly conn: LiveConnection;
  private readonly track = new Map<string, { step: number; since: number }>();
  private online = new Set<string>();
  private live = false;

  constructor(opts: AdminLiveOptions) {
    this.opts = opts;
    this.conn = new LiveConnection({
      base: opts.apiBase,
      path: (since) =>
        `/api/admin/ws?token=${encodeURIComponent(opts.token)}&codelab=${encodeURIComponent(opts.codelabId)}&since=${since}`,
      outboxKey: `ocl.outbox.admin.${opts.codelabId}`,
      WebSocket: opts.WebSocket,
      onFrame: (f) => {
        this.apply(f);
        opts.onFrame?.(f, this.live);
      },
      onSendError: (e) => opts.onNotice?.(e.message, 'error'),
    });
  }

  /** state is the connection as the live indicator shows it. */
  get state(): ConnectionState {
    return this.conn.state;
  }

  /** outbox lists the messages not yet confirmed by the server. */
  get outbox(): Pending[] {
    return this.conn.outbox;
  }

  /** start loads the snapshot, then connects (replay from 0 brings history and durations). */
  async start(): Promise<void> {
    try {
      const [people, help] = await Promise.all([
        adminSessionService.attendees(this.opts.codelabId),
        adminSessionService.helpQueue(this.opts.codelabId),
      ]);
      for (const a of people) {
        this.rows[a.id] = a;
        // Replay starts from registration: everyone begins on step 1 when they register.
        this.track.set(a.id, { step: 1, since: Date.parse(a.created_at) });
        if (a.online) this.online.add(a.id);
      }
      this.queue = help;
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
    this.conn.start();
  }

  destroy(): void {
    this.conn.destroy();
  }

  get attendees(): Row[] {
    return Object.values(this.rows).sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  select(thread: string): void {
    this.active = thread;
    this.unread[thread] = 0;
  }

  sendChat(text: string): void {
    this.conn.send({ type: 'chat', text });
  }

  sendDm(to: string, text: string): void {
    this.conn.send({ type: 'dm', to, text });
  }

  announce(text: string): void {
    this.conn.send({ type: 'announcement', text });
  }

  resolve(requestId: string): void {
    this.conn.send({ type: 'help_resolve', request_id: requestId });
  }

  /** pendingIn lists the unconfirmed messages of a thread ('room' or an attendee id). */
  pendingIn(thread: string): Pending[] {
    return this.conn.pending((p) => (thread === 'room' ? p.type === 'chat' : p.type === 'dm' && p.to === thread));
  }

  private apply(f: ServerFrame): void {
    switch (f.type) {
      case 'ready':
        this.live = true;
        this.online = new Set(f.online);
        for (const r of Object.values(this.rows)) r.online = this.online.has(r.id);
        return;
      case 'presence': {
        if (f.online) this.online.add(f.attendee.id);
        else this.online.delete(f.attendee.id);
        // Going offline never adds a row: it may be a removed attendee's socket closing.
        if (!f.online && !this.rows[f.attendee.id]) return;
        const row = this.ensureRow(f.attendee.id, f.attendee.name, new Date().toISOString());
        row.online = f.online;
        return;
      }
      case 'progress':
        this.applyProgress(f);
        return;
      case 'help':
        if (!this.queue.some((q) => q.id === f.request.id)) {
          this.queue = renumber([...this.queue, f.request]);
          if (this.live) this.opts.onHelp?.(f.request);
        }
        return;
      case 'help_resolved':
        this.queue = renumber(this.queue.filter((q) => q.id !== f.request_id));
        return;
      case 'help_claimed': // a helper is on the way (docs/realtime.md, "Helpers")
        this.queue = this.queue.map((q) => (q.id === f.request_id ? { ...q, claimed_by: f.claimed_by } : q));
        return;
      case 'chat':
        this.chat.push(f);
        this.bump('room', f.from.id);
        return;
      case 'dm': {
        const key = f.from.id === 'admin' ? f.to.id : f.from.id;
        // Push through the $state proxy (`(x ??= []).push` would push onto the raw array).
        this.threads[key] ??= [];
        this.threads[key].push(f);
        this.bump(key, f.from.id);
        return;
      }
      case 'announcement':
        this.announcements.push(f);
        return;
      case 'codelab_updated':
        if (this.live) this.opts.onCodelabUpdated?.();
        return;
      case 'attendee_removed':
        this.removeAttendee(f.attendee.id, f.chat === 'delete');
        return;
      case 'session_started':
        // A replay from 0 starts with it and the snapshot is already the new room.
        if (this.live) this.clearRoom();
        return;
    }
  }

  /** removeAttendee drops a removed attendee's row, help and DM thread; their kept room chat shows as "removed attendee". */
  private removeAttendee(id: string, dropChat: boolean): void {
    delete this.rows[id];
    this.track.delete(id);
    this.online.delete(id);
    this.queue = renumber(this.queue.filter((q) => q.attendee.id !== id));
    if (dropChat) {
      this.chat = this.chat.filter((c) => c.from.id !== id);
      delete this.threads[id];
    } else {
      for (const c of this.chat) if (c.from.id === id) c.from = { id, name: 'removed attendee' };
      for (const d of this.threads[id] ?? []) {
        if (d.from.id === id) d.from = { id, name: 'removed attendee' };
        if (d.to.id === id) d.to = { id, name: 'removed attendee' };
      }
    }
    delete this.unread[id];
    if (this.active === id) this.active = 'room';
  }

  /** clearRoom empties the dashboard when a new session starts (the codelab's content stays). */
  private clearRoom(): void {
    this.rows = {};
    this.track.clear();
    this.online = new Set();
    this.queue = [];
    this.chat = [];
    this.threads = {};
    this.announcements = [];
    this.unread = {};
    this.passed = {};
    this.active = 'room';
  }

  private applyProgress(f: ProgressEvent): void {
    const row = this.ensureRow(f.attendee.id, f.attendee.name, f.at);
    row.current_step = f.current_step;
    row.completed_steps = f.completed_steps ?? [];
    row.step_started_at = f.step_started_at;
    const started = Date.parse(f.step_started_at);
    const t = this.track.get(row.id);
    if (t && t.step !== f.current_step) {
      if (f.current_step > t.step && Number.isFinite(started) && started >= t.since) {
        this.passed[t.step] ??= [];
        this.passed[t.step].push(started - t.since);
      }
    }
    if (!t || t.step !== f.current_step) this.track.set(row.id, { step: f.current_step, since: started });
  }

  private ensureRow(id: string, name: string, at: string): Row {
    this.rows[id] ??= {
      id,
      codelab_id: this.opts.codelabId,
      name,
      current_step: 1,
      completed_steps: [],
      step_started_at: at,
      created_at: at,
      online: this.online.has(id),
    };
    return this.rows[id];
  }

  private bump(thread: string, from: string): void {
    if (!this.live || from === 'admin' || this.active === thread) return;
    this.unread[thread] = (this.unread[thread] ?? 0) + 1;
  }
}

function renumber(q: HelpRequest[]): HelpRequest[] {
  return [...q]
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map((r, i) => ({ ...r, position: i + 1 }));
}
