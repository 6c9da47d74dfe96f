/**
 * AttendeeLive is the attendee's live-workshop state for one codelab: the
 * connection, room chat, the Facilitator DM thread, announcements, their help
 * request and their step. It wraps a LiveSocket and turns frames into $state.
 */
import { CLOSE_REMOVED, LiveSocket, type SocketCtor } from '../services/live-socket';
import { wsURL } from '../utils/ws-url';
import { safeLocalStorage } from '../utils/storage';
import { api } from '../services/api-client';
import { attendeeService, type StoredAttendee } from '../services/attendee-service';
import type {
  AnnouncementEvent,
  ChatEvent,
  ConnectionState,
  DmEvent,
  HelpRequest,
  OutgoingFrame,
  Pending,
  ServerFrame,
} from '../types/live.type';

export type Thread = 'room' | 'dm';
export type HelpStatus = 'none' | 'sending' | 'waiting' | 'resolved';

export interface AttendeeLiveOptions {
  codelabId: string;
  session: StoredAttendee;
  /** onCodelabUpdated reloads the content after the facilitator edited it. */
  onCodelabUpdated?: () => void;
  /** onClosed runs when the facilitator hides or deletes the codelab (the page says so). */
  onClosed?: (reason: 'hidden' | 'deleted') => void;
  /** onNotice shows a short message (a toast) for things that happen while the chat is closed. */
  onNotice?: (message: string, kind: 'info' | 'error') => void;
  /** onFrame sees every frame after this store applied it (the workshop loop follows its own). */
  onFrame?: (f: ServerFrame) => void;
  WebSocket?: SocketCtor;
}

/** dismissedKey is where the ids (seq) of dismissed announcements are kept per codelab. */
export const dismissedKey = (codelabId: string) => `ocl.dismissed.${codelabId}`;

export class AttendeeLive {
  state = $state<ConnectionState>('connecting');
  chat = $state<ChatEvent[]>([]);
  dms = $state<DmEvent[]>([]);
  announcements = $state<AnnouncementEvent[]>([]);
  dismissed = $state<number[]>([]);
  outbox = $state<Pending[]>([]);
  help = $state<HelpRequest | null>(null);
  helpStatus = $state<HelpStatus>('none');
  unread = $state<Record<Thread, number>>({ room: 0, dm: 0 });
  panelOpen = $state(false);
  thread = $state<Thread>('room');
  /** serverStep is the step the server last recorded for this attendee (0 = unknown yet). */
  serverStep = $state(0);
  /** completed are the steps the server counts as done for this attendee. */
  completed = $state<number[]>([]);
  /** ended is why the server closed this attendee out for good ('' while taking part). */
  ended = $state<'' | 'removed' | 'session'>('');

  readonly me: { id: string; name: string };
  private readonly socket: LiveSocket;
  private readonly opts: AttendeeLiveOptions;
  /** echoed holds cids of pending messages whose event already arrived (the ack comes right after). */
  private echoed = $state<string[]>([]);
  private live = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(opts: AttendeeLiveOptions) {
    this.opts = opts;
    this.me = { id: opts.session.id, name: opts.session.name };
    const { codelabId, session } = opts;
    this.socket = new LiveSocket({
      url: (since) =>
        wsURL(api.base, `/ws?token=${encodeURIComponent(session.token)}&codelab=${encodeURIComponent(codelabId)}&since=${since}`),
      outboxKey: `ocl.outbox.${codelabId}.${session.id}`,
      WebSocket: opts.WebSocket,
    });
    this.outbox = this.socket.outbox;
    this.dismissed = this.loadDismissed();
    this.cleanups.push(
      this.socket.onFrame((f) => {
        this.apply(f);
        opts.onFrame?.(f);
      }),
      this.socket.onState((s) => (this.state = s)),
      this.socket.onEnded((e) => (this.ended = e.code === CLOSE_REMOVED ? 'removed' : 'session')),
      this.socket.onOutbox((o) => {
        this.outbox = o;
        this.echoed = this.echoed.filter((cid) => o.some((p) => p.cid === cid));
      }),
      this.socket.onSendError((e) => {
        if (e.frame?.type === 'help') this.helpStatus = this.help ? 'waiting' : 'none';
        opts.onNotice?.(e.message, 'error');
      }),
    );
  }

  /** start connects and follows the browser's online/offline and wake-up events. */
  start(): void {
    if (typeof window !== 'undefined') this.followBrowser();
    this.socket.start();
    if (typeof navigator !== 'undefined' && navigator.onLine === false) this.socket.pause();
  }

  /** followBrowser pauses while the browser says it is offline and reconnects when it is back or wakes up. */
  private followBrowser(): void {
    const offline = () => this.socket.pause();
    const online = () => this.socket.resume();
    const visible = () => document.visibilityState === 'visible' && this.socket.resume();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', visible);
    this.cleanups.push(() => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', visible);
    });
  }

  destroy(): void {
    for (const c of this.cleanups) c();
    this.socket.stop();
  }

  /** pendingIn lists this thread's messages still waiting for their ack (shown greyed as "sending"). */
  pendingIn(thread: Thread): Pending[] {
    return this.outbox.filter(
      (p) => !this.echoed.includes(p.cid) && (thread === 'room' ? p.type === 'chat' : p.type === 'dm'),
    );
  }

  sendChat(text: string): void {
    this.send({ type: 'chat', text });
  }

  sendDm(text: string): void {
    this.send({ type: 'dm', to: 'admin', text });
  }

  /** sendProgress reports the step on screen (Next/Back/keys/table of contents). */
  sendProgress(step: number, completed?: number[]): void {
    if (step === this.serverStep && !completed) return;
    this.serverStep = step;
    this.send(completed ? { type: 'progress', step, completed } : { type: 'progress', step });
  }

  askHelp(step: number): void {
    this.helpStatus = 'sending';
    this.send({ type: 'help', step });
  }

  cancelHelp(): void {
    this.send({ type: 'help_resolve', request_id: this.help?.id });
  }

  clearResolved(): void {
    if (this.helpStatus === 'resolved') this.helpStatus = 'none';
  }

  openPanel(thread: Thread = this.thread): void {
    this.panelOpen = true;
    this.thread = thread;
    this.unread[thread] = 0;
  }

  closePanel(): void {
    this.panelOpen = false;
  }

  dismiss(seq: number): void {
    this.dismissed = [...this.dismissed, seq].slice(-200);
    try {
      safeLocalStorage()?.setItem(dismissedKey(this.opts.codelabId), JSON.stringify(this.dismissed));
    } catch {
      // storage blocked: dismissed for this page only
    }
  }

  /** isLive: history has replayed and frames are new (for what screen readers are told). */
  get isLive(): boolean {
    return this.live;
  }

  /** banners are the announcements not dismissed yet, newest first. */
  get banners(): AnnouncementEvent[] {
    return this.announcements.filter((a) => !this.dismissed.includes(a.seq)).reverse();
  }

  private send(f: OutgoingFrame): void {
    this.socket.send(f);
  }

  private apply(f: ServerFrame): void {
    switch (f.type) {
      case 'ready':
        this.live = true;
        void this.syncHelp();
        return;
      case 'chat':
        this.chat.push(f);
        this.markEchoed('chat', f.from.id, f.text);
        this.bump('room', f.from.id);
        return;
      case 'dm':
        if (f.from.id !== 'admin' && f.to.id !== 'admin') return;
        this.dms.push(f);
        this.markEchoed('dm', f.from.id, f.text);
        if (this.bump('dm', f.from.id)) this.opts.onNotice?.(`Facilitator: ${f.text}`, 'info');
        return;
      case 'announcement':
        this.announcements.push(f);
        return;
      case 'progress':
        if (f.attendee.id !== this.me.id) return;
        this.serverStep = f.current_step;
        this.completed = f.completed_steps ?? [];
        return;
      case 'help':
        if (f.request.attendee.id !== this.me.id) return;
        this.help = f.request;
        this.helpStatus = 'waiting';
        return;
      case 'help_position':
        if (this.help && this.help.id === f.request_id) this.help = { ...this.help, position: f.position };
        return;
      case 'help_resolved':
        if (!this.help || this.help.id !== f.request_id) return;
        this.help = null;
        // A cancel of our own is quiet; a facilitator's resolve is shown until dismissed.
        this.helpStatus = this.live && f.by.id !== this.me.id ? 'resolved' : 'none';
        return;
      case 'codelab_updated':
        if (this.live) this.opts.onCodelabUpdated?.();
        return;
      case 'attendee_removed': {
        // Someone else was removed: their room chat is relabelled or dropped, as on the server.
        const gone = f.attendee.id;
        if (f.chat === 'delete') this.chat = this.chat.filter((c) => c.from.id !== gone);
        else for (const c of this.chat) if (c.from.id === gone) c.from = { id: gone, name: f.attendee.name };
        return;
      }
      case 'codelab_closed':
        this.opts.onClosed?.(f.reason);
        return;
      case 'raffle':
        if (this.live && f.winner.id === this.me.id) this.opts.onNotice?.('You won the raffle! Come and collect your prize.', 'info');
        return;
    }
  }

  /** bump counts an unread message from someone else; it reports whether it was unread. */
  private bump(thread: Thread, from: string): boolean {
    if (!this.live || from === this.me.id) return false;
    if (this.panelOpen && this.thread === thread) return false;
    this.unread[thread]++;
    return true;
  }

  /**
   * markEchoed hides a pending message once its event arrived: the server sends
   * the event just before the ack, and events carry no cid, so the oldest
   * pending message with the same text stands for it until the ack lands.
   */
  private markEchoed(type: 'chat' | 'dm', from: string, text: string): void {
    if (from !== this.me.id) return;
    const p = this.outbox.find((x) => x.type === type && x.text === text && !this.echoed.includes(x.cid));
    if (p) this.echoed = [...this.echoed, p.cid];
  }

  /** syncHelp asks for the current queue position, which replayed events cannot know. */
  private async syncHelp(): Promise<void> {
    try {
      const { request } = await attendeeService.myHelp(this.opts.session.token);
      this.help = request;
      if (request) this.helpStatus = 'waiting';
      else if (this.helpStatus === 'waiting') this.helpStatus = 'none';
    } catch {
      // the replayed events are a good enough picture until the next connect
    }
  }

  private loadDismissed(): number[] {
    try {
      const v = JSON.parse(safeLocalStorage()?.getItem(dismissedKey(this.opts.codelabId)) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : [];
    } catch {
      return [];
    }
  }
}
