// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { HashRouter, matchRoute, parseHash } from './router.svelte';

describe('parseHash', () => {
  it.each([
    ['', '/'],
    ['#', '/'],
    ['#/', '/'],
    ['#/codelabs/abc', '/codelabs/abc'],
    ['#/codelabs/abc/2/', '/codelabs/abc/2'],
    ['#token=xyz', '/'],
    ['#/codelabs/abc?x=1', '/codelabs/abc'],
  ])('parseHash(%j) = %j', (hash, want) => {
    expect(parseHash(hash)).toBe(want);
  });
});

describe('matchRoute', () => {
  it('extracts decoded params', () => {
    expect(matchRoute('/codelabs/a%20b/3', '/codelabs/:id/:step')).toEqual({ id: 'a b', step: '3' });
  });
  it('rejects other lengths and literals', () => {
    expect(matchRoute('/codelabs/abc', '/codelabs/:id/:step')).toBeNull();
    expect(matchRoute('/other/abc', '/codelabs/:id')).toBeNull();
    expect(matchRoute('/', '/')).toEqual({});
  });
});

describe('HashRouter', () => {
  let r: HashRouter | undefined;
  afterEach(() => {
    r?.destroy();
    window.history.replaceState(null, '', '#/');
  });

  function nextHashChange(): Promise<void> {
    return new Promise((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
  }

  it('reads the initial hash', () => {
    window.history.replaceState(null, '', '#/codelabs/x/2');
    r = new HashRouter(window);
    expect(r.path).toBe('/codelabs/x/2');
    expect(r.match('/codelabs/:id/:step')).toEqual({ id: 'x', step: '2' });
  });

  it('follows hashchange events (back button, typed URLs)', async () => {
    window.history.replaceState(null, '', '#/');
    r = new HashRouter(window);
    const changed = nextHashChange();
    window.location.hash = '#/codelabs/y';
    await changed;
    expect(r.path).toBe('/codelabs/y');
  });

  it('navigate pushes a history entry and updates at once', () => {
    window.history.replaceState(null, '', '#/');
    r = new HashRouter(window);
    const before = window.history.length;
    r.navigate('/codelabs/z/1');
    expect(r.path).toBe('/codelabs/z/1');
    expect(window.location.hash).toBe('#/codelabs/z/1');
    expect(window.history.length).toBe(before + 1);
  });

  it('navigate with replace keeps the history length', () => {
    window.history.replaceState(null, '', '#token=abc');
    r = new HashRouter(window);
    expect(r.path).toBe('/');
    const before = window.history.length;
    r.navigate('/', { replace: true });
    expect(window.location.hash).toBe('#/');
    expect(window.history.length).toBe(before);
  });

  it('a guard that says no keeps the page and puts the address back', async () => {
    window.history.replaceState(null, '', '#/codelabs/e');
    r = new HashRouter(window);
    const asked: string[] = [];
    let allow = false;
    const remove = r.setGuard((to) => (asked.push(to), allow));
    const changed = nextHashChange();
    window.location.hash = '#/';
    await changed;
    expect(asked).toEqual(['/']);
    expect(r.path).toBe('/codelabs/e');
    expect(window.location.hash).toBe('#/codelabs/e');
    allow = true;
    r.navigate('/join');
    expect(r.path).toBe('/join');
    remove();
    allow = false;
    r.navigate('/');
    expect(r.path).toBe('/');
  });
});
