/**
 * live-socket-policy holds what LiveSocket decides by rule rather than by
 * state: the socket and timer shapes it is tested with, the reconnect
 * backoff, the close codes that end a token, and new client ids.
 */
import type { Pending } from '../types/live.type';

/** SocketLike is the part of the browser WebSocket the client uses. */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketCtor = new (url: string) => SocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** SendError is a refused message (an `error` frame with a cid other than rate_limited). */
export interface SendError {
  code: string;
  message: string;
  frame?: Pending;
}

export const MIN_BACKOFF_MS = 1000;
/** Close codes after which the token is dead (docs/realtime.md, “Removal and sessions”). */
export const CLOSE_REMOVED = 4003;
export const CLOSE_SESSION_ENDED = 4004;
/** Ended says why the server closed the socket for good. */
export interface Ended {
  code: number;
  reason: string;
}
export const MAX_BACKOFF_MS = 30_000;

/** backoffDelay is the wait before reconnect attempt `attempt` (0-based): 1 s · 2^n, capped at 30 s, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(attempt, 10));
  return Math.round(Math.min(MAX_BACKOFF_MS, base * (0.8 + 0.4 * random())));
}

export function defaultCid(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
