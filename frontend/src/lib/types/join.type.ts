import type { Notice } from './notice.type';

/**
 * JoinInfo is `GET /api/admin/join-info[?codelab=ID]`: how attendees can reach
 * this laptop right now, for the join screen and the reachability warning.
 */
export interface JoinInfo {
  /** name is the workshop (and mDNS) name, e.g. `codelabs`. */
  name: string;
  /** mdns_host is e.g. `codelabs.local`; empty when mDNS is off or failed. */
  mdns_host: string;
  /** urls lists attendee URLs: LAN IPs first, then the `.local` one. */
  urls: string[];
  /** qr_url is what the QR code encodes: an IP URL, since phones often cannot resolve `.local`. */
  qr_url: string;
  /** qr_svg is the QR code as an SVG document, made by the server's own encoder. */
  qr_svg: string;
  /** mdns_url is the `.local` URL, or empty. */
  mdns_url: string;
  mdns_running: boolean;
  mdns_error: string;
  /** has_lan is false when the server is reachable on loopback only. */
  has_lan: boolean;
  /** warnings are sentences for the facilitator about reachability, in English. */
  warnings: string[];
  /** notices are the same warnings with codes, to show translated (notice-util). */
  notices?: Notice[];
  /** codelab_title and access_code are set with `?codelab=ID`. */
  codelab_title: string;
  access_code: string;
}

/** Reachability is what the facilitator must know before telling the room a URL. */
export interface Reachability {
  /** blocked means no attendee can reach the laptop at all. */
  blocked: boolean;
  /** headline is the one line a banner leads with. */
  headline: string;
  /** details are the server's (or our) explanations, one sentence each. */
  details: string[];
}
