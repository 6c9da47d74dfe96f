import { api } from './api-client';
import type { Codelab, CodelabInput, LoopSettings, StepInput } from '../types/codelab.type';

const path = (id: string) => `/api/admin/codelabs/${encodeURIComponent(id)}`;

/** adminCodelabService is the facilitator's CRUD on codelabs and their steps. */
export const adminCodelabService = {
  list: () => api.get<Codelab[]>('/api/admin/codelabs'),
  get: (id: string) => api.get<Codelab>(path(id)),
  create: (input: Partial<CodelabInput> & { title: string }) =>
    api.post<Codelab>('/api/admin/codelabs', input),
  update: (id: string, input: Partial<CodelabInput>) => api.patch<Codelab>(path(id), input),
  /** updateSettings changes the workshop-loop settings (completion rules, limits, closed). */
  updateSettings: (id: string, input: Partial<LoopSettings>) => api.patch<Codelab>(path(id), input),
  remove: (id: string) => api.delete(path(id)),
  copy: (id: string) => api.post<Codelab>(`${path(id)}/copy`),
  putSteps: (id: string, steps: StepInput[]) => api.put<Codelab>(`${path(id)}/steps`, { steps }),
};
