import { t } from '../../lib/i18n/i18n.svelte';
import { formatNumber, formatTime } from '../../lib/i18n/format';
import type { ReportBucket } from '../../lib/types/report.type';

/** duration writes seconds as "12 min" or "40 s", "–" when there is no figure. */
export function duration(sec: number | null): string {
  if (sec === null || sec === undefined) return '–';
  if (sec < 60) return t('adminReport.seconds', { n: formatNumber(Math.round(sec)) });
  return t('adminReport.minutes', { n: formatNumber(Math.round(sec / 60)) });
}

/** bucketLabels are the charts' x labels: each slice's start time. */
export function bucketLabels(b: ReportBucket[]): string[] {
  return b.map((x) => formatTime(x.at));
}

/** average writes a 1–5 average with one decimal, "–" when there is none. */
export function average(v: number | null): string {
  return v === null ? '–' : formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
