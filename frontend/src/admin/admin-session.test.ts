// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAdminSession, sessionProblem, TOKEN_KEY, tokenFromHash } from './admin-session';
import { desktopUIReady, type AppBindings } from '../lib/services/desktop-bridge';

afterEach(() => {
  delete window.go;
  sessionStorage.clear();
  localStorage.clear();
  window.history.replaceState(null, '', '#/');
});

describe('tokenFromHash', () => {
  it.each([
    ['#token=abc', 'abc'],
    ['#/?token=xyz', 'xyz'],
    ['#/', ''],
    ['', ''],
  ])('tokenFromHash(%j) = %j', (hash, want) => {
    expect(tokenFromHash(hash)).toBe(want);
  });
});

describe('resolveAdminSession in a browser', () => {
  it('takes the token from the hash, stores it, and cleans the address bar', async () => {
    window.history.replaceState(null, '', '#token=t0k3n');
    const s = await resolveAdminSession();
    expect(s).toEqual({ token: 't0k3n', apiBase: '', desktop: false });
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('t0k3n');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('t0k3n');
    expect(window.location.hash).toBe('#/');
  });

  it('falls back to the stored token after a reload', async () => {
    localStorage.setItem(TOKEN_KEY, 'remembered');
    expect((await resolveAdminSession())?.token).toBe('remembered');
  });

  it('returns null without any token', async () => {
    expect(await resolveAdminSession()).toBeNull();
  });
});

describe('resolveAdminSession in the desktop window', () => {
  function install(app: Partial<AppBindings>) {
    window.go = { app: { App: app as AppBindings } };
  }

  it('uses the binding and its api_base, ignoring the hash', async () => {
    window.history.replaceState(null, '', '#token=from-hash');
    install({ AdminSession: async () => ({ token: 'desk', api_base: 'http://127.0.0.1:8080', name: 'codelabs' }) });
    expect(await resolveAdminSession()).toEqual({
      token: 'desk',
      apiBase: 'http://127.0.0.1:8080',
      desktop: true,
    });
  });

  it.each([
    ['a string (older Wails)', 'server not started'],
    ['an Error (newer Wails)', new Error('server not started')],
  ])('normalises a rejection with %s', async (_name, reason) => {
    install({ AdminSession: () => Promise.reject(reason) });
    const err = await resolveAdminSession().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('server not started');
  });

  it('reports UI readiness with the page URL', async () => {
    const seen: string[] = [];
    install({ UIReady: async (href: string) => void seen.push(href) });
    await desktopUIReady('http://wails.localhost/admin/#/');
    expect(seen).toEqual(['http://wails.localhost/admin/#/']);
  });
});

describe('sessionProblem', () => {
  it('tells a wrong token from another computer', () => {
    expect(sessionProblem(401, 'unauthorized')).toBe('wrong');
    expect(sessionProblem(403, 'admin_loopback_only')).toBe('remote');
  });
});
