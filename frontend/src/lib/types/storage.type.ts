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
