/**
 * LiveConnection is the socket wiring the attendee and facilitator stores
 * share: one LiveSocket (connect, reconnect with since, outbox resend, ack and
 * cid matching: see services/live-socket.ts) mirrored into $state for the UI,
 * with its listeners removed on destroy. The stores only turn frames into
 * their own state.
 */
import { LiveSocket, type Ended, type SendError, type SocketCtor } from '../services/live-socket';
import { wsURL } from '../utils/ws-url';
import type { ConnectionState, OutgoingFrame, Pending, ServerFrame } from '../types/live.type';

export interface LiveConnectionOptions {
  /** base is the server's address (api.base); path gives the socket's path and query for a since. */
  base: string;
  path: (since: number) => string;
  /** outboxKey is where unacked messages are kept across reloads. */
  outboxKey: string;
  onFrame: (f: ServerFrame) => void;
  /** onState hears each change of the connection's state (after state has it). */
  onState?: (s: ConnectionState) => void;
  onSendError?: (e: SendError) => void;
  /** onEnded hears a close that ends the token (removed, new session): nothing reconnects. */
  onEnded?: (e: Ended) => void;
  /** followBrowser pauses while the browser says it is offline and reconnects when it is back or wakes up. */
  followBrowser?: boolean;
  WebSocket?: SocketCtor;
}

export class LiveConnection {
  state = $state<ConnectionState>('connecting');
  /** outbox lists the messages sent and not yet confirmed (by ack or by their own event), oldest first. */
  outbox = $state<Pending[]>([]);

  private readonly socket: LiveSocket;
  private readonly opts: LiveConnectionOptions;
  private readonly cleanups: (() => void)[] = [];

  constructor(opts: LiveConnectionOptions) {
    this.opts = opts;
    this.socket = new LiveSocket({
      url: (since) => wsURL(opts.base, opts.path(since)),
      outboxKey: opts.outboxKey,
      WebSocket: opts.WebSocket,
    });
    this.outbox = this.socket.outbox;
    this.cleanups.push(
      this.socket.onFrame(opts.onFrame),
      this.socket.onState((s) => {
        this.state = s;
        opts.onState?.(s);
      }),
      this.socket.onOutbox((o) => (this.outbox = o)),
      this.socket.onSendError((e) => opts.onSendError?.(e)),
      this.socket.onEnded((e) => opts.onEnded?.(e)),
    );
  }

  /** start connects (paused at once when the browser is offline and followBrowser is set). */
  start(): void {
    const follow = !!this.opts.followBrowser;
    if (follow && typeof window !== 'undefined') this.followBrowser();
    this.socket.start();
    if (follow && typeof navigator !== 'undefined' && navigator.onLine === false) this.socket.pause();
  }

  /** stop closes for good (the token no longer works) but keeps listening to the socket. */
  stop(): void {
    this.socket.stop();
  }

  destroy(): void {
    for (const c of this.cleanups) c();
    this.socket.stop();
  }

  /** send queues a message in the outbox (sent when online); it returns the cid. */
  send(f: OutgoingFrame): string {
    return this.socket.send(f);
  }

  /** pending lists the unconfirmed messages that match (a thread's, shown greyed as "sending"). */
  pending(match: (p: Pending) => boolean): Pending[] {
    return this.outbox.filter(match);
  }

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
}
