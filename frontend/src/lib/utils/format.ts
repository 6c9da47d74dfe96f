import type { Codelab, Step } from '../types/codelab.type';
import { t } from '../i18n/i18n.svelte';
import { formatRelative } from '../i18n/format';

/** minutes renders a duration in the showing language, such as 5 min or 1 h 15 min. */
export function minutes(n: number): string {
  const total = !n || n < 0 ? 0 : Math.round(n);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('common.duration.minutes', { minutes: m });
  return m === 0 ? t('common.duration.hours', { hours: h }) : t('common.duration.hoursMinutes', { hours: h, minutes: m });
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

/** relativeTime renders a timestamp as "5 minutes ago" in the showing language (lib/i18n/format.ts). */
export function relativeTime(iso: string, now: Date = new Date()): string {
  return formatRelative(iso, now);
}
