/** wsURL turns an API base ('' = this page's origin, or `http://127.0.0.1:PORT`) and a path into a ws(s):// URL. */
export function wsURL(apiBase: string, path: string, loc?: { protocol: string; host: string }): string {
  const page = loc ?? globalThis.location;
  const base = apiBase ? new URL(apiBase) : { protocol: page.protocol, host: page.host };
  const proto = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${base.host}${path}`;
}
