/** guide-service: the facilitator's side of the preparation guide (the attendee reads it via codelabService.guide). */
import { api } from './api-client';

const path = (id: string) => `/api/admin/codelabs/${encodeURIComponent(id)}/guide`;

export const guideService = {
  get: (id: string) => api.get<{ markdown: string; html: string }>(path(id)),
  put: (id: string, markdown: string) => api.put<{ markdown: string; html: string }>(path(id), { markdown }),
};
