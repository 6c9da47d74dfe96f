import { api } from './api-client';
import type { Codelab } from '../types/codelab.type';
import type { ServerInfo } from '../types/api.type';

/** codelabService is the public (attendee) view of codelabs. */
export const codelabService = {
  list: () => api.get<Codelab[]>('/api/codelabs'),
  get: (id: string) => api.get<Codelab>(`/api/codelabs/${encodeURIComponent(id)}`),
  info: () => api.get<ServerInfo>('/api/info'),
};
