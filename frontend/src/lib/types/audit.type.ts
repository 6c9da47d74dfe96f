/** AuditEntry is one row of GET /api/admin/audit (docs/api.md, section Audit log). */
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
