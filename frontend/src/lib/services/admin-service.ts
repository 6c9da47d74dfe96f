import { api } from './api-client';

/** adminService holds admin calls that belong to no single resource. */
export const adminService = {
  /** checkSession resolves when the configured token is accepted. */
  checkSession: () => api.get<{ ok: boolean }>('/api/admin/session'),
  /** preview renders markdown exactly as attendees will see it (sanitized by the server). */
  preview: (markdown: string) => api.post<{ html: string }>('/api/admin/preview', { markdown }),
};
