import { describe, expect, it } from 'vitest';
import { ApiClient } from './api-client';
import { AuditService, auditPath, describeDetail, emptyAuditFilters } from './audit-service';

describe('audit-service', () => {
  it('builds the list path from the filters, until including its whole day', () => {
    expect(auditPath(emptyAuditFilters())).toBe('/api/admin/audit');
    const f = { codelab: ' c1 ', action: 'help.ask', actor: 'Ada & Bob', since: '2026-03-01', until: '2026-03-31' };
    const q = new URLSearchParams(auditPath(f, { limit: 50, before: 9 }).split('?')[1]);
    expect(q.get('codelab')).toBe('c1');
    expect(q.get('actor')).toBe('Ada & Bob');
    expect(q.get('since')).toBe('2026-03-01');
    expect(q.get('until')).toBe('2026-04-01');
    expect(q.get('limit')).toBe('50');
    expect(q.get('before')).toBe('9');
    expect(auditPath(emptyAuditFilters(), { format: 'csv' })).toBe('/api/admin/audit?format=csv');
  });

  it('describes a detail as plain text', () => {
    expect(describeDetail({ fields: ['title', 'is_public'], steps: 3 })).toBe('fields: title, is_public; steps: 3');
    expect(describeDetail({})).toBe('');
    expect(describeDetail(null)).toBe('');
  });

  it('asks the server with the token and pages with before', async () => {
    const seen: string[] = [];
    const client = new ApiClient({
      base: 'http://127.0.0.1:1',
      token: 't',
      fetch: async (input, init) => {
        seen.push(String(input) + ' ' + new Headers(init?.headers).get('Authorization'));
        return new Response(JSON.stringify({ entries: [], more: false, next_before: 0 }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    });
    const page = await new AuditService(client).list({ ...emptyAuditFilters(), action: 'codelab.create' }, 42, 10);
    expect(page.more).toBe(false);
    expect(seen).toEqual(['http://127.0.0.1:1/api/admin/audit?action=codelab.create&limit=10&before=42 Bearer t']);
  });
});
