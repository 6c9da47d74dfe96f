/**
 * Outbox holds the realtime messages not yet acked by the server, persisted
 * under a storage key so a reload (or a closed laptop lid) sends them again
 * with the same cid. An empty key keeps it in memory only.
 */
import type { Pending } from '../types/live.type';
import type { StorageLike } from '../utils/storage';

export class Outbox {
  items: Pending[];
  private readonly listeners = new Set<(items: Pending[]) => void>();

  constructor(
    private readonly storage: StorageLike | null,
    private readonly key: string,
  ) {
    this.items = this.load();
  }

  /** onChange subscribes to every change; returns the unsubscribe function. */
  onChange(fn: (items: Pending[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  add(p: Pending): void {
    this.items = [...this.items, p];
    this.save();
  }

  find(cid: string): Pending | undefined {
    return this.items.find((p) => p.cid === cid);
  }

  remove(cid: string): void {
    const next = this.items.filter((p) => p.cid !== cid);
    if (next.length === this.items.length) return;
    this.items = next;
    this.save();
  }

  private load(): Pending[] {
    if (!this.storage || !this.key) return [];
    try {
      const v = JSON.parse(this.storage.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((p): p is Pending => !!p && typeof p.cid === 'string') : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    if (this.storage && this.key) {
      try {
        if (this.items.length === 0) this.storage.removeItem(this.key);
        else this.storage.setItem(this.key, JSON.stringify(this.items));
      } catch {
        // storage full or disabled: the outbox still lives in memory
      }
    }
    for (const fn of this.listeners) fn(this.items);
  }
}
