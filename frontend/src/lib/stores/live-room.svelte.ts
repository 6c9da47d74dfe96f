/**
 * LiveRoom is what the facilitator's and the helper's live stores share: the
 * attendee rows with their steps (and how long people took on each step they
 * passed, for the stuck marks), presence, the help queue, one DM thread per
 * attendee with unread counts, and the socket (a LiveConnection). Each store
 * loads its own snapshot, connects with its own path and handles the frames
 * only it cares about; applyRoom handles the rest, the same way for both.
 */
import { LiveConnection, type LiveConnectionOptions } from './live-connection.svelte';
import type { Attendee, ConnectionState, DmEvent, HelpRequest, Pending, ProgressEvent, ServerFrame } from '../types/live.type';

export abstract class LiveRoom {
  rows = $state<Record<string, Attendee>>({});
  queue = $state<HelpRequest[]>([]);
  threads = $state<Record<string, DmEvent[]>>({});
  unread = $state<Record<string, number>>({});
  /** passed holds, per step, how long (ms) each attendee who moved past it spent on it. */
  passed = $state<Record<number, number[]>>({});

  protected conn = $state<LiveConnection | null>(null);
  /** live is false while history replays (until the ready frame). */
  protected live = false;
  private readonly track = new Map<string, { step: number; since: number }>();
  private online = new Set<string>();

  /** selfId is who "I" am in DM frames ('admin' for the facilitator). */
  protected abstract get selfId(): string;
  /** codelabId fills rows made from a frame for someone the snapshot did not list. */
  protected abstract get codelabId(): string;
  /** onLiveHelp hears each help request that arrives live (not replayed history). */
  protected onLiveHelp(_r: HelpRequest): void {}
  /** showing says a thread is on screen, so its new messages are not unread. */
  protected showing(_thread: string): boolean {
    return false;
  }

  /** state is the connection as the live indicator shows it. */
  get state(): ConnectionState {
    return this.conn?.state ?? 'connecting';
  }

  /** outbox lists the messages not yet confirmed by the server. */
  get outbox(): Pending[] {
    return this.conn?.outbox ?? [];
  }

  get attendees(): Attendee[] {
    return Object.values(this.rows).sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  destroy(): void {
    this.conn?.destroy();
  }

  sendDm(to: string, text: string): void {
    this.conn?.send({ type: 'dm', to, text });
  }

  announce(text: string): void {
    this.conn?.send({ type: 'announcement', text });
  }

  /** connect sets up the socket (conn.start opens it); the room's frames are applied before onFrame sees them. */
  protected connect(opts: Omit<LiveConnectionOptions, 'onFrame'>, onFrame: (f: ServerFrame) => void): LiveConnection {
    this.conn = new LiveConnection({
      ...opts,
      onFrame: (f) => {
        this.applyRoom(f);
        onFrame(f);
      },
    });
    return this.conn;
  }

  /** loadSnapshot takes the REST snapshot (replay starts from registration: everyone begins on step 1). */
  protected loadSnapshot(people: Attendee[], help: HelpRequest[]): void {
    for (const a of people) {
      this.rows[a.id] = a;
      this.track.set(a.id, { step: 1, since: Date.parse(a.created_at) });
      if (a.online) this.online.add(a.id);
    }
    this.queue = help;
  }

  /** removeAttendee drops a removed attendee's row, help requests and unread count. */
  protected removeAttendee(id: string): void {
    delete this.rows[id];
    this.track.delete(id);
    this.online.delete(id);
    this.queue = renumber(this.queue.filter((q) => q.attendee.id !== id));
    delete this.unread[id];
  }

  /** clearRoom empties the room when a new session starts (the codelab's content stays). */
  protected clearRoom(): void {
    this.rows = {};
    this.track.clear();
    this.online = new Set();
    this.queue = [];
    this.threads = {};
    this.unread = {};
    this.passed = {};
  }

  /** bump counts a message as unread unless it is history, mine, or on screen. */
  protected bump(thread: string, from: string): void {
    if (!this.live || from === this.selfId || this.showing(thread)) return;
    this.unread[thread] = (this.unread[thread] ?? 0) + 1;
  }

  private applyRoom(f: ServerFrame): void {
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
        this.ensureRow(f.attendee.id, f.attendee.name, new Date().toISOString()).online = f.online;
        return;
      }
      case 'progress':
        this.applyProgress(f);
        return;
      case 'help':
        if (!this.queue.some((q) => q.id === f.request.id)) {
          this.queue = renumber([...this.queue, f.request]);
          if (this.live) this.onLiveHelp(f.request);
        }
        return;
      case 'help_resolved':
        this.queue = renumber(this.queue.filter((q) => q.id !== f.request_id));
        return;
      case 'help_claimed': // a helper is on the way (docs/realtime.md, "Helpers")
        this.queue = this.queue.map((q) => (q.id === f.request_id ? { ...q, claimed_by: f.claimed_by } : q));
        return;
      case 'dm': {
        const key = f.from.id === this.selfId ? f.to.id : f.from.id;
        // Push through the $state proxy (`(x ??= []).push` would push onto the raw array).
        this.threads[key] ??= [];
        this.threads[key].push(f);
        this.bump(key, f.from.id);
        return;
      }
      case 'session_started':
        // A replay from 0 starts with it and the snapshot is already the new room.
        if (this.live) this.clearRoom();
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
      codelab_id: this.codelabId,
      name,
      current_step: 1,
      completed_steps: [],
      step_started_at: at,
      created_at: at,
      online: this.online.has(id),
    };
    return this.rows[id];
  }
}

function renumber(q: HelpRequest[]): HelpRequest[] {
  return [...q].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((r, i) => ({ ...r, position: i + 1 }));
}
