import { api, ApiClient } from './api-client';

/** AuditEntry is one row of GET /api/admin/audit (docs/api.md, "Audit log"). */
export interface AuditEntry {
  id: number;
  at: string;
  actor_kind: 'facilitator' | 'attendee' | 'helper' | 'system';
  actor_id: string;
  actor_name: string;
  action: string;
  codelab_id: string;
  target_kind: string;
  target_id: string;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  more: boolean;
  next_before: number;
}

/** AuditFilters are the page's filter fields; empty strings match everything. */
export interface AuditFilters {
  codelab: string;
  action: string;
  actor: string;
  /** since and until are dates (YYYY-MM-DD) as an <input type="date"> gives them. */
  since: string;
  until: string;
}

export const emptyAuditFilters = (): AuditFilters => ({ codelab: '', action: '', actor: '', since: '', until: '' });

/** auditActions lists the actions the server records, for the filter menu. */
export const auditActions = [
  'codelab.create',
  'codelab.update',
  'codelab.publish',
  'codelab.unpublish',
  'codelab.copy',
  'codelab.delete',
  'steps.save',
  'codelab.import',
  'codelab.export',
  'backup.download',
  'report.export',
  'backup.restore',
  'announcement.send',
  'attendee.register',
  'attendee.continue',
  'attendee.remove',
  'session.start',
  'help.ask',
  'help.resolve',
  'attendee.complete',
  'audit.settings',
];

/** addDays shifts a YYYY-MM-DD date, so that "until" a day includes that whole day. */
function addDays(date: string, days: number): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** auditPath builds the list or CSV URL path for the filters. */
export function auditPath(f: AuditFilters, extra: { format?: 'csv'; limit?: number; before?: number } = {}): string {
  const q = new URLSearchParams();
  for (const key of ['codelab', 'action', 'actor'] as const) {
    const v = f[key].trim();
    if (v) q.set(key, v);
  }
  if (f.since) q.set('since', f.since);
  if (f.until) q.set('until', addDays(f.until, 1)); // the server's until is exclusive
  if (extra.format) q.set('format', extra.format);
  if (extra.limit) q.set('limit', String(extra.limit));
  if (extra.before) q.set('before', String(extra.before));
  const s = q.toString();
  return '/api/admin/audit' + (s ? '?' + s : '');
}

/** describeDetail turns a row's detail into short plain text for the table. */
export function describeDetail(detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

export class AuditService {
  constructor(private readonly client: ApiClient) {}

  list = (f: AuditFilters, before = 0, limit = 100) => this.client.get<AuditPage>(auditPath(f, { limit, before }));

  settings = () => this.client.get<{ retention_days: number }>('/api/admin/audit/settings');

  setRetention = (days: number) =>
    this.client.put<{ retention_days: number }>('/api/admin/audit/settings', { retention_days: days });
}

export const auditService = new AuditService(api);
