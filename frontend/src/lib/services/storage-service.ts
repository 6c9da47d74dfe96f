import { api } from './api-client';
import type { RestoreResult } from '../types/content.type';
import type { AutoBackup, StorageStatus } from '../types/storage.type';

export type { AutoBackup, StorageStatus } from '../types/storage.type';

/** storageService reads the database's health and lists and restores automatic backups. */
export const storageService = {
  status: () => api.get<StorageStatus>('/api/admin/storage'),
  listBackups: async () => (await api.get<{ backups: AutoBackup[] }>('/api/admin/backups')).backups,
  restoreBackup: (name: string) =>
    api.post<RestoreResult>(`/api/admin/backups/${encodeURIComponent(name)}/restore`),
};

/** backupLabel names an automatic backup by its local time, e.g. "Tue 14:20". */
export function backupLabel(b: AutoBackup, now: Date = new Date()): string {
  const t = new Date(b.created_at);
  const time = t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (t.toDateString() === now.toDateString()) return `Today ${time}`;
  return `${t.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`;
}

/** restoredMessage tells the facilitator what a restore did and where the previous data went. */
export function restoredMessage(res: RestoreResult): string {
  const when = new Date(res.created_at).toLocaleString();
  if (res.damaged_copy) return `Restored the backup from ${when}. The damaged database was moved to ${res.damaged_copy}.`;
  return `Restored the backup from ${when}. The previous data was saved as ${res.pre_restore_backup}.`;
}
