/**
 * AttendeeLive is the attendee's live-workshop state for one codelab: the
 * connection, room chat, the Facilitator DM thread, announcements, their help
 * request and their step. It wraps a LiveSocket and turns frames into $state.
 */
import { CLOSE_REMOVED, type SocketCtor } from '../services/live-socket';
import { LiveConnection } from './live-connection.svelte';
import { has, t, type MessageKey } from '../i18n/i18n.svelte';
import { safeLocalStorage } from '../utils/storage';
import { api } from '../services/api-client';
import { attendeeService, type StoredAttendee } from '../services/attendee-service';
import { pollService } from '../services/poll-service';
import { PollBoard } from './poll-board.svelte';
import type {
  AnnouncementEvent,
  ChatEvent,
  ConnectionState,
  DmEvent,
  HelpRequest,
  OutgoingFrame,
  Pending,
  Person,
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
  chat = $state<ChatEvent[]>([]);
  dms = $state<DmEvent[]>([]);
  announcements = $state<AnnouncementEvent[]>([]);
  dismissed = $state<number[]>([]);
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
  /** dmPeer is who the private thread answers: the facilitator, or the helper who wrote last. */
  dmPeer = $state<Person>({ id: 'admin', name: 'Facilitator' });

  readonly me: { id: string; name: string };
  private readonly conn: LiveConnection;
  /** polls are the live polls as this attendee sees them (poll-board.svelte.ts). */
  readonly polls: PollBoard;
  private readonly opts: AttendeeLiveOptions;
  private live = false;

  constructor(opts: AttendeeLiveOptions) {
    this.opts = opts;
    this.me = { id: opts.session.id, name: opts.session.name };
    const { codelabId, session } = opts;
    this.conn = new LiveConnection({
      base: api.base,
      path: (since) => `/ws?token=${encodeURIComponent(session.token)}&codelab=${encodeURIComponent(codelabId)}&since=${since}`,
      outboxKey: `ocl.outbox.${codelabId}.${session.id}`,
      followBrowser: true,
      WebSocket: opts.WebSocket,
      onFrame: (f) => {
        this.apply(f);
        this.polls.apply(f);
        opts.onFrame?.(f);
      },
      onEnded: (e) => (this.ended = e.code === CLOSE_REMOVED ? 'removed' : 'session'),
      onSendError: (e) => {
        if (e.frame?.type === 'help') this.helpStatus = this.help ? 'waiting' : 'none';
        if (e.frame?.type === 'poll_answer') void this.polls.load(); // refused: show what the server has
        opts.onNotice?.(has(`errors.${e.code}`) ? t(`errors.${e.code}` as MessageKey) : e.message, 'error');
      },
    });
    this.dismissed = this.loadDismissed();
    this.polls = new PollBoard({ load: () => pollService.mine(session.token, codelabId), me: session.id });
  }

  /** state is the connection as the live indicator shows it. */
  get state(): ConnectionState {
    return this.conn.state;
  }

  /** outbox lists the messages not yet confirmed by the server. */
  get outbox(): Pending[] {
    return this.conn.outbox;
  }

  /** start connects and follows the browser's online/offline and wake-up events. */
  start(): void {
    this.conn.start();
  }

  destroy(): void {
    this.conn.destroy();
  }

  /** pendingIn lists this thread's messages still waiting for the server (shown greyed as "sending"). */
  pendingIn(thread: Thread): Pending[] {
    return this.conn.pending((p) => (thread === 'room' ? p.type === 'chat' : p.type === 'dm'));
  }

  sendChat(text: string): void {
    this.send({ type: 'chat', text });
  }

  sendDm(text: string): void {
    this.send({ type: 'dm', to: this.dmPeer.id, text });
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

  /** answerPoll sends the attendee's choice (0-based); answering again while the poll is open changes it. */
  answerPoll(pollId: string, option: number): void {
    this.polls.choose(pollId, option);
    this.send({ type: 'poll_answer', poll_id: pollId, option });
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
    this.conn.send(f);
  }

  private apply(f: ServerFrame): void {
    switch (f.type) {
      case 'ready':
        this.live = true;
        void this.syncHelp();
        return;
      case 'chat':
        this.chat.push(f);
        this.bump('room', f.from.id);
        return;
      case 'dm':
        // With the facilitator, or with a helper (docs/realtime.md, "Helpers").
        if (f.from.id !== 'admin' && f.to.id !== 'admin' && f.from.role !== 'helper' && f.to.role !== 'helper') return;
        this.dms.push(f);
        if (f.from.id !== this.me.id) this.dmPeer = f.from;
        if (this.bump('dm', f.from.id)) {
          const notice = f.from.id === 'admin' ? t('common.live.dmNotice', { text: f.text }) : t('common.live.dmNoticeFrom', { name: f.from.name, text: f.text });
          this.opts.onNotice?.(notice, 'info');
        }
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
      case 'help_claimed': // a helper says they are coming (or no longer)
        if (this.help && this.help.id === f.request_id) this.help = { ...this.help, claimed_by: f.claimed_by };
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
        if (this.live && f.winner.id === this.me.id) this.opts.onNotice?.(t('common.live.raffleWon'), 'info');
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
