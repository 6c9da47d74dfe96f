import { describe, expect, it } from 'vitest';
import {
  ipUrls, isMdnsUrl, joinPathRedirect, otherUrls, primaryUrl, qrDataUrl, reachability, urlParts,
} from './join-service';
import { useCatalogue } from '../testing/catalogue';

useCatalogue('en'); // assertions read the English catalogue

const lan = {
  name: 'codelabs',
  urls: ['http://192.168.1.20:8080/', 'http://10.0.0.5:8080/', 'http://codelabs.local:8080/'],
  qr_url: 'http://192.168.1.20:8080/',
  has_lan: true,
  warnings: [] as string[],
  mdns_error: '',
};

describe('URL picking', () => {
  it('tells .local URLs from IP URLs', () => {
    expect(isMdnsUrl('http://codelabs.local:8080/')).toBe(true);
    expect(isMdnsUrl('http://CODELABS.LOCAL/')).toBe(true);
    expect(isMdnsUrl('http://192.168.1.20:8080/#/codelabs/local')).toBe(false);
    expect(isMdnsUrl('not a url')).toBe(false);
  });

  it('keeps IP URLs in server order', () => {
    expect(ipUrls(lan)).toEqual(['http://192.168.1.20:8080/', 'http://10.0.0.5:8080/']);
  });

  it('prints the QR URL big and the other IP URLs small', () => {
    expect(primaryUrl(lan)).toBe('http://192.168.1.20:8080/');
    expect(otherUrls(lan)).toEqual(['http://10.0.0.5:8080/']);
  });

  it('falls back to the first IP URL, then to any URL', () => {
    expect(primaryUrl({ ...lan, qr_url: '' })).toBe('http://192.168.1.20:8080/');
    expect(primaryUrl({ urls: ['http://codelabs.local:8080/'], qr_url: '' })).toBe('http://codelabs.local:8080/');
    expect(primaryUrl({ urls: [], qr_url: '' })).toBe('');
  });
});

describe('formatting', () => {
  it('makes an SVG data URL that decodes back to the SVG', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M1 1h1v1h-1z"/></svg>';
    const url = qrDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toMatch(/[<>"#\s]/);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(svg);
  });

  it('splits a URL into scheme, host and the rest', () => {
    expect(urlParts('http://192.168.1.20:8080/#/codelabs/go')).toEqual({
      scheme: 'http://',
      host: '192.168.1.20:8080',
      rest: '/#/codelabs/go',
    });
    expect(urlParts('odd')).toEqual({ scheme: '', host: 'odd', rest: '' });
  });
});

describe('reachability', () => {
  it('is null when the room can reach the laptop', () => {
    expect(reachability(lan)).toBeNull();
  });

  it('blocks without a LAN address, with the server warning', () => {
    const w = 'This computer has no network address other than itself.';
    expect(reachability({ ...lan, has_lan: false, warnings: [w] })).toEqual({
      blocked: true,
      headline: "Attendees can't reach this laptop",
      details: [w],
    });
  });

  it('explains a missing LAN address even without server warnings', () => {
    const r = reachability({ ...lan, has_lan: false });
    expect(r?.blocked).toBe(true);
    expect(r?.details.length).toBe(1);
  });

  it('warns without blocking when only the .local name failed', () => {
    const r = reachability({ ...lan, mdns_error: 'port 5353 in use' });
    expect(r?.blocked).toBe(false);
    expect(r?.details).toEqual(['The name codelabs.local could not be advertised (port 5353 in use).']);
  });

  it('does not repeat an mDNS error the server already explained', () => {
    const w = 'The name codelabs.local could not be advertised (port 5353 in use). Use the IP.';
    const r = reachability({ ...lan, mdns_error: 'port 5353 in use', warnings: [w] });
    expect(r?.details).toEqual([w]);
  });
});

describe('joinPathRedirect', () => {
  it.each([
    ['/admin/join', '', '/admin/#/join'],
    ['/admin/join/', '#/', '/admin/#/join'],
    ['/admin/join/go%20intro', '', '/admin/#/join/go%20intro'],
    ['/admin/join', '#/codelabs/x', '/admin/#/codelabs/x'],
    ['/admin/', '#/join', null],
    ['/admin/joinery', '', null],
  ])('joinPathRedirect(%j, %j) = %j', (path, hash, want) => {
    expect(joinPathRedirect(path, hash)).toBe(want);
  });
});
