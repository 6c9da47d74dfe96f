import { api } from './api-client';
import type { JoinInfo, Reachability } from '../types/join.type';
import { t } from '../i18n/i18n.svelte';
import { noticeTexts } from '../utils/notice-util';

/** JOIN_POLL_MS is how often an open join screen re-reads join-info: the laptop may change networks. */
export const JOIN_POLL_MS = 10_000;

/** joinService reads how attendees can reach this laptop. */
export const joinService = {
  /** info is the join-info of the server, or of one codelab (URLs that open it, its access code). */
  info: (codelabId?: string) =>
    api.get<JoinInfo>(
      '/api/admin/join-info' + (codelabId ? `?codelab=${encodeURIComponent(codelabId)}` : ''),
    ),
};

/** isMdnsUrl tells whether a URL names the laptop by its `.local` name rather than an IP. */
export function isMdnsUrl(url: string): boolean {
  try {
    return new URL(url).hostname.toLowerCase().endsWith('.local');
  } catch {
    return false;
  }
}

/** ipUrls are the URLs that work without mDNS, in the server's order. */
export function ipUrls(info: Pick<JoinInfo, 'urls'>): string[] {
  return info.urls.filter((u) => !isMdnsUrl(u));
}

/**
 * primaryUrl is the URL to print big: the one the QR encodes, else the first
 * IP URL, else whatever there is. Phones often cannot resolve `.local`.
 */
export function primaryUrl(info: Pick<JoinInfo, 'urls' | 'qr_url'>): string {
  return info.qr_url || ipUrls(info)[0] || info.urls[0] || '';
}

/** otherUrls are the remaining IP URLs (another network card, another subnet). */
export function otherUrls(info: Pick<JoinInfo, 'urls' | 'qr_url'>): string[] {
  const main = primaryUrl(info);
  return ipUrls(info).filter((u) => u !== main);
}

/** qrDataUrl turns the server's SVG into an `<img>` source, so no `{@html}` is needed. */
export function qrDataUrl(svg: string): string {
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
}

/**
 * urlParts splits a URL for display: the scheme is printed small, since
 * browsers add it anyway, and the host:port is what people type.
 */
export function urlParts(url: string): { scheme: string; host: string; rest: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!m) return { scheme: '', host: url, rest: '' };
  return { scheme: m[1], host: m[2], rest: m[3] };
}

/**
 * reachability summarises the warnings for a banner, or null when the room
 * can reach the laptop. A laptop without a LAN address blocks everyone; a
 * failed `.local` name only means people must use the IP address.
 */
export function reachability(
  info: Pick<JoinInfo, 'has_lan' | 'warnings' | 'notices' | 'mdns_error' | 'name'>,
): Reachability | null {
  const details = noticeTexts(info.notices, info.warnings);
  if (!info.has_lan) {
    if (details.length === 0) {
      details.push(t('common.join.noLan'));
    }
    return { blocked: true, headline: t('common.join.blocked'), details };
  }
  if (info.mdns_error && !details.some((d) => d.includes(info.mdns_error))) {
    details.push(t('common.join.mdnsFailed', { name: `${info.name}.local`, error: info.mdns_error }));
  }
  if (details.length === 0) return null;
  return { blocked: false, headline: t('common.join.trouble'), details };
}

/**
 * joinPathRedirect maps the plain path `/admin/join[/ID]` (typed or
 * bookmarked, served the admin page by the server) to the hash route the
 * app understands: `/admin/#/join[/ID]`. It returns null when there is
 * nothing to rewrite; a hash route that is already set wins.
 */
export function joinPathRedirect(pathname: string, hash: string): string | null {
  const m = /^(.*\/)join(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return null;
  const h = hash.replace(/^#/, '');
  if (h.startsWith('/') && h.replace(/\/+$/, '') !== '') return m[1] + '#' + h;
  return m[1] + '#/join' + (m[2] ? '/' + m[2] : '');
}

/** applyJoinPath rewrites `/admin/join[/ID]` in the address bar before the router reads it. */
export function applyJoinPath(win: Window = window): void {
  const to = joinPathRedirect(win.location.pathname, win.location.hash);
  if (to) win.history.replaceState(win.history.state, '', to);
}
