/** helper-admin-service is the facilitator's side of helper invitations (docs/api.md, "Helpers"). */
import { api } from './api-client';
import type { Helper, NewHelper } from '../types/helper.type';

const path = (codelabId: string) => `/api/admin/codelabs/${encodeURIComponent(codelabId)}/helpers`;

export const helperAdminService = {
  list: (codelabId: string) => api.get<Helper[]>(path(codelabId)),
  create: (codelabId: string, name: string, canAnnounce: boolean) =>
    api.post<NewHelper>(path(codelabId), { name, can_announce: canAnnounce }),
  remove: (codelabId: string, helperId: string) => api.delete(`${path(codelabId)}/${encodeURIComponent(helperId)}`),
};
