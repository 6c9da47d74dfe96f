// Dates, times, numbers and relative times, always in the showing language.
import { locale } from './i18n.svelte';

export function formatNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), opts).format(n);
}

export function formatDate(d: Date | string, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const t = typeof d === 'string' ? new Date(d) : d;
  return Number.isNaN(t.getTime()) ? '' : new Intl.DateTimeFormat(locale(), opts).format(t);
}

export function formatTime(d: Date | string, opts: Intl.DateTimeFormatOptions = { timeStyle: 'short' }): string {
  return formatDate(d, opts);
}

export function formatDateTime(d: Date | string): string {
  return formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });
}

/** formatRelative renders a timestamp as "5 minutes ago", falling back to a date after 30 days. */
export function formatRelative(iso: string | Date, now: Date = new Date()): string {
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(t.getTime())) return '';
  const sec = Math.round((t.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(sec);
  if (abs < 60) return rtf.format(sec, 'second');
  if (abs < 3600) return rtf.format(Math.round(sec / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(sec / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(sec / 86400), 'day');
  return formatDate(t);
}

/** formatList joins names the way the language does ("A, B and C"). */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(items);
}
