/**
 * live-socket is the realtime client of docs/realtime.md, free of any UI
 * framework so it can be unit-tested with a fake WebSocket and fake timers.
 *
 * - It keeps the highest `seq` seen, reconnects with `since=seq` and drops
 *   any event whose seq it already has, so a drop loses and repeats nothing.
 *   The `ready` frame's seq replaces it (the server clamps a since beyond its log).
 * - Reconnects back off exponentially (1 s doubling to 30 s) with ±20 % jitter,
 *   so a classroom of browsers does not reconnect in lockstep after a Wi-Fi blip.
 *   Close code 4008 ("too slow") reconnects at once. Codes 4003 (removed by the
 *   facilitator) and 4004 (a new session started) end the socket for good: the
 *   token no longer works, so onEnded listeners hear why and nothing reconnects.
 * - Outgoing messages go through an OUTBOX persisted in storage (outbox.ts): they are
 *   sent when online and re-sent with the same cid after every reconnect until
 *   the server acks that cid, or sends back our own event carrying it (events
 *   are published after their commit, so that is as good as the ack; a replay
 *   after a lost ack then resolves the message without a resend). Matching is
 *   by cid only. Re-sending a cid is idempotent on the server.
 *   `rate_limited` keeps the message and retries later with the same cid; any
 *   other error with a cid drops it and is reported to the UI.
 */
import type { ConnectionState, OutgoingFrame, Pending, ServerFrame } from '../types/live.type';
import { safeLocalStorage, type StorageLike } from '../utils/storage';
import { Outbox } from './outbox';

import { backoffDelay, CLOSE_REMOVED, CLOSE_SESSION_ENDED, defaultCid } from './live-socket-policy';
import type { Ended, SendError, SocketCtor, SocketLike, Timers } from './live-socket-policy';

export { backoffDelay, CLOSE_REMOVED, CLOSE_SESSION_ENDED, MAX_BACKOFF_MS, MIN_BACKOFF_MS } from './live-socket-policy';
export type { Ended, SendError, SocketCtor, SocketLike, Timers } from './live-socket-policy';

type Listener<T> = (v: T) => void;

export interface LiveSocketOptions {
  /** url builds the WebSocket URL for a `since` value. */
  url: (since: number) => string;
  WebSocket?: SocketCtor;
  timers?: Timers;
  random?: () => number;
  storage?: StorageLike | null;
  /** outboxKey is the storage key of the persisted outbox ('' keeps it in memory only). */
  outboxKey?: string;
  newCid?: () => string;
  /** rateLimitRetryMs is how long a rate_limited message waits before its resend. */
  rateLimitRetryMs?: number;
}

/** LiveSocket is one realtime connection that survives drops (see the module comment). */
export class LiveSocket {
  state: ConnectionState = 'offline';
  seq = 0;

  private readonly opts: Required<Omit<LiveSocketOptions, 'storage'>> & { storage: StorageLike | null };
  private ws: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private resendTimer: unknown = null;
  private ready = false;
  private stopped = true;
  private paused = false;
  private readonly frameListeners = new Set<Listener<ServerFrame>>();
  private readonly stateListeners = new Set<Listener<ConnectionState>>();
  private readonly errorListeners = new Set<Listener<SendError>>();
  private readonly endListeners = new Set<Listener<Ended>>();
  private readonly box: Outbox;

  constructor(opts: LiveSocketOptions) {
    this.opts = {
      WebSocket: opts.WebSocket ?? (globalThis.WebSocket as unknown as SocketCtor),
      timers: opts.timers ?? {
        setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
        clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
      },
      random: opts.random ?? Math.random,
      storage: opts.storage === undefined ? safeLocalStorage() : opts.storage,
      outboxKey: opts.outboxKey ?? '',
      newCid: opts.newCid ?? defaultCid,
      rateLimitRetryMs: opts.rateLimitRetryMs ?? 1000,
      url: opts.url,
    };
    this.box = new Outbox(this.opts.storage, this.opts.outboxKey);
  }

  /** outbox lists the messages sent but not acked yet, oldest first. */
  get outbox(): Pending[] {
    return this.box.items;
  }

  /** onFrame subscribes to every new frame (already deduplicated); returns the unsubscribe function. */
  onFrame(fn: Listener<ServerFrame>): () => void {
    return subscribe(this.frameListeners, fn);
  }
  /** onEnded hears a close that must not be retried (4003 removed, 4004 new session). */
  onEnded(fn: Listener<Ended>): () => void {
    return subscribe(this.endListeners, fn);
  }
  onState(fn: Listener<ConnectionState>): () => void {
    return subscribe(this.stateListeners, fn);
  }
  onOutbox(fn: Listener<Pending[]>): () => void {
    return this.box.onChange(fn);
  }
  onSendError(fn: Listener<SendError>): () => void {
    return subscribe(this.errorListeners, fn);
  }

  /** start opens the connection (and keeps reopening it until stop). */
  start(): void {
    this.stopped = false;
    this.paused = false;
    this.connect();
  }

  /** stop closes for good (page left); the outbox stays persisted. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.drop();
    this.setState('offline');
  }

  /** pause closes the connection until resume (the browser reported it is offline). */
  pause(): void {
    if (this.stopped) return;
    this.paused = true;
    this.clearTimers();
    this.drop();
    this.setState('offline');
  }

  /** resume reconnects now, e.g. when the browser is back online or the tab wakes up. */
  resume(): void {
    if (this.stopped) return;
    this.paused = false;
    if (this.ws && this.state !== 'offline') return;
    this.clearTimers();
    this.attempt = 0;
    this.connect();
  }

  /** send queues a message in the outbox and sends it if online; it returns the cid. */
  send(frame: OutgoingFrame): string {
    const pending = { ...frame, cid: this.opts.newCid() } as Pending;
    this.box.add(pending);
    if (this.ready) this.transmit(pending);
    return pending.cid;
  }

  private connect(): void {
    if (this.stopped || this.paused) return;
    this.drop();
    this.ready = false;
    this.setState('connecting');
    let ws: SocketLike;
    try {
      ws = new this.opts.WebSocket(this.opts.url(this.seq));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      if (this.ws === ws) this.receive(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      if (ev.code === CLOSE_REMOVED || ev.code === CLOSE_SESSION_ENDED) {
        this.stopped = true;
        this.setState('offline');
        for (const fn of this.endListeners) fn({ code: ev.code, reason: ev.reason ?? '' });
        return;
      }
      this.setState(this.stopped || this.paused ? 'offline' : 'connecting');
      if (ev.code === 4008) this.reconnectSoon(0);
      else this.scheduleReconnect();
    };
    ws.onerror = () => {
      // a close event always follows; reconnecting happens there
    };
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000, 'bye');
      } catch {
        // already closed
      }
    }
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.opts.random);
    this.attempt++;
    this.reconnectSoon(delay);
    if (this.attempt > 1) this.setState('offline');
  }

  private reconnectSoon(ms: number): void {
    if (this.stopped || this.paused) return;
    if (this.retryTimer !== null) this.opts.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.opts.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, ms);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) this.opts.timers.clearTimeout(this.retryTimer);
    if (this.resendTimer !== null) this.opts.timers.clearTimeout(this.resendTimer);
    this.retryTimer = this.resendTimer = null;
  }

  private receive(data: unknown): void {
    let f: ServerFrame;
    try {
      f = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    if (!f || typeof f !== 'object' || typeof f.type !== 'string') return;
    if (f.type === 'ready') {
      // ready.seq is the server's word: it is below ours only when our since was
      // ahead of its log (an older backup was restored) and got clamped; keeping
      // ours would then drop every new event as "already seen".
      if (typeof f.seq === 'number') this.seq = f.seq;
      this.ready = true;
      this.attempt = 0;
      this.setState('online');
      this.emit(f);
      for (const p of this.outbox) this.transmit(p);
      return;
    }
    if (f.type === 'ack') {
      this.box.remove(f.cid);
      this.emit(f);
      return;
    }
    if (f.type === 'error' && f.cid) {
      const p = this.box.find(f.cid);
      if (f.code === 'rate_limited') {
        if (p) this.scheduleResend();
        return;
      }
      this.box.remove(f.cid);
      for (const fn of this.errorListeners) fn({ code: f.code, message: f.message, frame: p });
      this.emit(f);
      return;
    }
    if ('seq' in f && typeof f.seq === 'number') {
      if ('cid' in f && typeof f.cid === 'string') this.box.remove(f.cid); // our own event: committed
      if (f.seq <= this.seq) return; // already seen: a replay overlap or a duplicate
      this.seq = f.seq;
    }
    this.emit(f);
  }

  private scheduleResend(): void {
    if (this.resendTimer !== null) return;
    this.resendTimer = this.opts.timers.setTimeout(() => {
      this.resendTimer = null;
      if (this.ready) for (const p of this.outbox) this.transmit(p);
    }, this.opts.rateLimitRetryMs);
  }

  private transmit(p: Pending): void {
    try {
      this.ws?.send(JSON.stringify(p));
    } catch {
      // the close handler reconnects; the message stays in the outbox
    }
  }

  private emit(f: ServerFrame): void {
    for (const fn of this.frameListeners) fn(f);
  }

  private setState(s: ConnectionState): void {
    if (this.state === s) return;
    this.state = s;
    for (const fn of this.stateListeners) fn(s);
  }
}

function subscribe<T>(set: Set<Listener<T>>, fn: Listener<T>): () => void {
  set.add(fn);
  return () => set.delete(fn);
}
