import { api } from './api-client';
import type { RestoreResult } from './content-service';
import { t } from '../i18n/i18n.svelte';
import { formatDate, formatDateTime, formatTime } from '../i18n/format';

/** AutoBackup is one automatic backup in the data dir (docs/backup.md). */
export interface AutoBackup {
  name: string;
  created_at: string;
  size: number;
}

/** StorageStatus is `GET /api/admin/storage`: the database's health at start. */
export interface StorageStatus {
  damaged: boolean;
  reason?: string;
  detected_at?: string;
  newest_backup: AutoBackup | null;
}

/** storageService reads the database's health and lists and restores automatic backups. */
export const storageService = {
  status: () => api.get<StorageStatus>('/api/admin/storage'),
  listBackups: async () => (await api.get<{ backups: AutoBackup[] }>('/api/admin/backups')).backups,
  restoreBackup: (name: string) =>
    api.post<RestoreResult>(`/api/admin/backups/${encodeURIComponent(name)}/restore`),
};

/** backupLabel names an automatic backup by its local time, e.g. Tue 14:20, in the showing language. */
export function backupLabel(b: AutoBackup, now: Date = new Date()): string {
  const at = new Date(b.created_at);
  const time = formatTime(at, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return t('common.backup.today', { time });
  return formatDate(at, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** restoredMessage tells the facilitator what a restore did and where the previous data went. */
export function restoredMessage(res: RestoreResult): string {
  const when = formatDateTime(res.created_at);
  if (res.damaged_copy) return t('common.backup.restoredDamaged', { when, path: res.damaged_copy });
  return t('common.backup.restored', { when, path: res.pre_restore_backup });
}
