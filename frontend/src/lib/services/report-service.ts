import { api } from './api-client';
import type { Report, ReportFormat, ReportTable } from '../types/report.type';

const base = (id: string) => `/api/admin/codelabs/${encodeURIComponent(id)}/report`;

/** reportPath is the report's URL path in one format ('current' is the running session). */
export function reportPath(id: string, session: string, format: ReportFormat, extra: { table?: ReportTable; lang?: string } = {}): string {
  const q = new URLSearchParams({ session, format });
  if (extra.table) q.set('table', extra.table);
  if (extra.lang) q.set('lang', extra.lang);
  return `${base(id)}?${q}`;
}

/** reportService reads the workshop report of a codelab's session. */
export const reportService = {
  get: (id: string, session: string) => api.get<Report>(reportPath(id, session, 'json')),
};
