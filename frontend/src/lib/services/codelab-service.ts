import { api } from './api-client';
import type { Codelab } from '../types/codelab.type';
import type { ServerInfo } from '../types/api.type';

/** codelabService is the public (attendee) view of codelabs. */
export const codelabService = {
  list: () => api.get<Codelab[]>('/api/codelabs'),
  get: (id: string) => api.get<Codelab>(`/api/codelabs/${encodeURIComponent(id)}`),
  /** guide is the preparation guide as server-rendered HTML ('' when there is none). */
  guide: (id: string) => api.get<{ html: string }>(`/api/codelabs/${encodeURIComponent(id)}/guide`),
  info: () => api.get<ServerInfo>('/api/info'),
};
