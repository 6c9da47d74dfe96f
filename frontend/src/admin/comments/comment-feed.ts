/**
 * followComments opens the facilitator's socket of a codelab for the comment
 * panels (editor, dashboard) and hands every frame to onFrame. It starts at
 * the log's end (a `since` past it is clamped, docs/realtime.md), since the
 * panels load their threads by REST on each `ready` and need only what
 * happens next; after a drop it resumes from the last seq like any client.
 */
import { api } from '../../lib/services/api-client';
import { LiveSocket } from '../../lib/services/live-socket';
import type { ServerFrame } from '../../lib/types/live.type';
import { wsURL } from '../../lib/utils/ws-url';

const LATEST = Number.MAX_SAFE_INTEGER;

export function followComments(codelabId: string, onFrame: (f: ServerFrame) => void): () => void {
  const token = api.token;
  const socket = new LiveSocket({
    url: (since) =>
      wsURL(api.base, `/api/admin/ws?token=${encodeURIComponent(token)}&codelab=${encodeURIComponent(codelabId)}&since=${since || LATEST}`),
    outboxKey: '',
  });
  const off = socket.onFrame(onFrame);
  socket.start();
  return () => {
    off();
    socket.stop();
  };
}
