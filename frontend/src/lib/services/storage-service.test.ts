import { describe, expect, it } from 'vitest';
import { backupLabel, restoredMessage } from './storage-service';
import { useCatalogue } from '../testing/catalogue';

useCatalogue('en'); // assertions read the English catalogue

describe('storage-service', () => {
  it('labels a backup of today by its time and an older one by its date', () => {
    const now = new Date(2026, 2, 10, 15, 0);
    const today = backupLabel({ name: 'a', created_at: new Date(2026, 2, 10, 14, 20).toISOString(), size: 1 }, now);
    const older = backupLabel({ name: 'b', created_at: new Date(2026, 2, 8, 9, 5).toISOString(), size: 1 }, now);
    expect(today.startsWith('Today ')).toBe(true);
    expect(older.startsWith('Today')).toBe(false);
    expect(older).toContain('8');
  });

  it('says where the previous data went', () => {
    const base = { restored: true, created_at: '2026-03-10T14:20:00Z', files: 3 };
    expect(restoredMessage({ ...base, pre_restore_backup: 'backups/pre-restore-x.zip' })).toContain(
      'backups/pre-restore-x.zip',
    );
    expect(restoredMessage({ ...base, pre_restore_backup: '', damaged_copy: 'damaged-x' })).toContain(
      'damaged database was moved to damaged-x',
    );
  });
});
