/** raffle-service: the server draws a winner with crypto/rand and keeps every draw. */
import { api } from './api-client';
import type { RaffleDraw, RaffleInput } from '../types/raffle.type';

const path = (id: string) => `/api/admin/codelabs/${encodeURIComponent(id)}/raffle`;

export const raffleService = {
  draw: (id: string, input: RaffleInput) => api.post<RaffleDraw>(path(id), input),
  /** history lists earlier draws, newest last. */
  history: async (id: string) => (await api.get<{ draws: RaffleDraw[] }>(path(id))).draws ?? [],
};
