/**
 * AdminLive is the facilitator's live view of one codelab: attendees and
 * their steps, the help queue, room chat, one DM thread per attendee and
 * announcements. It loads the REST snapshot first, then replays every event
 * from seq 0 over the admin WebSocket (which also yields how long each
 * attendee spent on each step they passed) and stays live. What it shares
 * with the helper's view (rows, queue, DMs, the socket) is in LiveRoom.
 */
import type { SocketCtor } from '../services/live-socket';
import { LiveRoom } from './live-room.svelte';
import { adminSessionService } from '../services/admin-session-service';
import type { AnnouncementEvent, Attendee, ChatEvent, HelpRequest, Pending, ServerFrame } from '../types/live.type';

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

export class AdminLive extends LiveRoom {
  chat = $state<ChatEvent[]>([]);
  announcements = $state<AnnouncementEvent[]>([]);
  /** active is the chat thread on screen: 'room' or an attendee id. */
  active = $state('room');
  loadError = $state('');

  private readonly opts: AdminLiveOptions;

  constructor(opts: AdminLiveOptions) {
    super();
    this.opts = opts;
    const { codelabId, token } = opts;
    this.connect(
      {
        base: opts.apiBase,
        path: (since) => `/api/admin/ws?token=${encodeURIComponent(token)}&codelab=${encodeURIComponent(codelabId)}&since=${since}`,
        outboxKey: `ocl.outbox.admin.${codelabId}`,
        WebSocket: opts.WebSocket,
        onSendError: (e) => opts.onNotice?.(e.message, 'error'),
      },
      (f) => {
        this.apply(f);
        opts.onFrame?.(f, this.live);
      },
    );
  }

  protected get selfId(): string {
    return 'admin';
  }

  protected get codelabId(): string {
    return this.opts.codelabId;
  }

  protected onLiveHelp(r: HelpRequest): void {
    this.opts.onHelp?.(r);
  }

  protected showing(thread: string): boolean {
    return this.active === thread;
  }

  /** start loads the snapshot, then connects (replay from 0 brings history and durations). */
  async start(): Promise<void> {
    const { codelabId } = this.opts;
    try {
      const [people, help] = await Promise.all([
        adminSessionService.attendees(codelabId),
        adminSessionService.helpQueue(codelabId),
      ]);
      this.loadSnapshot(people, help);
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
    this.conn?.start();
  }

  select(thread: string): void {
    this.active = thread;
    this.unread[thread] = 0;
  }

  sendChat(text: string): void {
    this.conn?.send({ type: 'chat', text });
  }

  resolve(requestId: string): void {
    this.conn?.send({ type: 'help_resolve', request_id: requestId });
  }

  /** pendingIn lists the unconfirmed messages of a thread ('room' or an attendee id). */
  pendingIn(thread: string): Pending[] {
    return this.outbox.filter((p) => (thread === 'room' ? p.type === 'chat' : p.type === 'dm' && p.to === thread));
  }

  /** apply handles what only the facilitator sees; LiveRoom has applied the rest. */
  private apply(f: ServerFrame): void {
    switch (f.type) {
      case 'chat':
        this.chat.push(f);
        this.bump('room', f.from.id);
        return;
      case 'announcement':
        this.announcements.push(f);
        return;
      case 'codelab_updated':
        if (this.live) this.opts.onCodelabUpdated?.();
        return;
      case 'attendee_removed':
        this.removeAttendee(f.attendee.id, f.chat === 'delete');
        return;
    }
  }

  /** removeAttendee also drops or keeps their chat; kept room chat shows as "removed attendee". */
  protected removeAttendee(id: string, dropChat = false): void {
    super.removeAttendee(id);
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
    if (this.active === id) this.active = 'room';
  }

  protected clearRoom(): void {
    super.clearRoom();
    this.chat = [];
    this.announcements = [];
    this.active = 'room';
  }
}
