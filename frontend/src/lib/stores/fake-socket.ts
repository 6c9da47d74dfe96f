import type { SocketLike } from '../services/live-socket';

/**
 * FakeSocket stands in for the browser WebSocket in the live stores' tests:
 * it records what the client sends (parsed) and serves frames as the server
 * would. FakeSocket.last is the newest one.
 */
export class FakeSocket implements SocketLike {
  static last: FakeSocket;
  readyState = 1;
  sent: Record<string, unknown>[] = [];
  onopen = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(d: string) {
    this.sent.push(JSON.parse(d));
  }
  close() {}
  serve(...frames: object[]) {
    for (const f of frames) this.onmessage?.({ data: JSON.stringify(f) });
  }
}
