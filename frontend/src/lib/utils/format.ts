import type { Codelab, Step } from '../types/codelab.type';

/** minutes renders a duration such as "5 min" or "1 h 15 min". */
export function minutes(n: number): string {
  if (!n || n < 0) return '0 min';
  const h = Math.floor(n / 60);
  const m = n % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** codelabMinutes is the codelab's own estimate, or the sum of its steps when 0. */
export function codelabMinutes(c: Codelab): number {
  if (c.duration_minutes > 0) return c.duration_minutes;
  if (!c.steps && c.total_minutes !== undefined) return c.total_minutes; // lists carry no steps
  return (c.steps ?? []).reduce((sum, s) => sum + (s.duration_minutes || 0), 0);
}

/** remainingMinutes sums the durations of the step at `index` and all later ones. */
export function remainingMinutes(steps: Step[], index: number): number {
  return steps.slice(Math.max(0, index)).reduce((sum, s) => sum + (s.duration_minutes || 0), 0);
}

/** relativeTime renders a timestamp as "5 minutes ago", falling back to a date. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const sec = Math.round((t.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const abs = Math.abs(sec);
  if (abs < 60) return rtf.format(sec, 'second');
  if (abs < 3600) return rtf.format(Math.round(sec / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(sec / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(sec / 86400), 'day');
  return t.toLocaleDateString();
}
