import { t } from '../../lib/i18n/i18n.svelte';

/** waited is how long someone has waited (or been on a step), short enough for a phone row. */
export function waited(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 1) return t('helpers.waited.now');
  if (m < 60) return t('helpers.waited.minutes', { minutes: m });
  return t('helpers.waited.hours', { hours: Math.floor(m / 60), minutes: m % 60 });
}
