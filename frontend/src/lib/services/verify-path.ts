// verify-path: the QR code's `/verify#token=T` address becomes the hash route
// `/#/verify/T` before the attendee app's router reads it.

/**
 * verifyPathRedirect maps the QR code's `/verify#token=T` to the hash route
 * `/#/verify/T` (the attendee app routes on the hash); null when not a verify URL.
 */
export function verifyPathRedirect(pathname: string, hash: string): string | null {
  const m = /^(.*\/)verify\/?$/.exec(pathname);
  if (!m) return null;
  const t = /^#token=([^&]*)/.exec(hash);
  return `${m[1]}#/verify${t ? '/' + t[1] : ''}`;
}

/** applyVerifyPath rewrites a `/verify` address before the router reads it. */
export function applyVerifyPath(win: Window = window): void {
  const to = verifyPathRedirect(win.location.pathname, win.location.hash);
  if (to) win.history.replaceState(win.history.state, '', to);
}
