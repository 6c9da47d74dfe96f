/**
 * The hash router: both apps route on `location.hash` so the Go server only
 * serves two HTML files and any step URL survives a reload.
 */

/** parseHash turns `#/codelabs/x/2` into `/codelabs/x/2`; anything else is `/`. */
export function parseHash(hash: string): string {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith('/')) return '/';
  const path = h.split('?')[0].replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/**
 * matchRoute matches a path against a pattern such as `/codelabs/:id/:step`,
 * returning the decoded parameters or null.
 */
export function matchRoute(path: string, pattern: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) {
      try {
        params[ps[i].slice(1)] = decodeURIComponent(xs[i]);
      } catch {
        return null;
      }
    } else if (ps[i] !== xs[i]) {
      return null;
    }
  }
  return params;
}

/** HashRouter keeps the current path as reactive state, following `hashchange`. */
export class HashRouter {
  path = $state('/');
  private readonly win: Window;

  constructor(win: Window = window) {
    this.win = win;
    this.path = parseHash(win.location.hash);
    win.addEventListener('hashchange', this.sync);
  }

  private guard: ((to: string) => boolean) | null = null;

  /**
   * setGuard installs a check run before the path changes (link, back button,
   * typed address); when it returns false the page stays and the address bar
   * is put back. It returns the function that removes the guard.
   */
  setGuard = (g: (to: string) => boolean): (() => void) => {
    this.guard = g;
    return () => {
      if (this.guard === g) this.guard = null;
    };
  };

  /** sync re-reads the hash; it also runs after history.replaceState, which fires no event. */
  sync = (): void => {
    const next = parseHash(this.win.location.hash);
    if (next !== this.path && this.guard && !this.guard(next)) {
      this.win.history.replaceState(this.win.history.state, '', '#' + this.path);
      return;
    }
    this.path = next;
  };

  /** match tests the current path against a pattern (see matchRoute). */
  match = (pattern: string): Record<string, string> | null => matchRoute(this.path, pattern);

  /** navigate goes to a path; `replace` swaps the history entry instead of adding one. */
  navigate = (path: string, opts: { replace?: boolean } = {}): void => {
    const hash = '#' + path;
    if (opts.replace) {
      this.win.history.replaceState(this.win.history.state, '', hash);
      this.sync();
    } else if (this.win.location.hash !== hash) {
      this.win.location.hash = hash;
      this.sync();
    }
  };

  destroy = (): void => {
    this.win.removeEventListener('hashchange', this.sync);
  };
}

let instance: HashRouter | undefined;

/** router is the app-wide router, created on first use (after the admin token left the hash). */
export function router(): HashRouter {
  instance ??= new HashRouter();
  return instance;
}
