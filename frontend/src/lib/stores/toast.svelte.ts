export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

/** ToastManager holds the short notifications shown in a corner of both apps. */
export class ToastManager {
  items = $state<Toast[]>([]);
  private next = 1;

  show = (message: string, kind: ToastKind = 'info', timeoutMs = 5000): number => {
    const id = this.next++;
    this.items.push({ id, kind, message });
    if (timeoutMs > 0) setTimeout(() => this.dismiss(id), timeoutMs);
    return id;
  };

  dismiss = (id: number): void => {
    this.items = this.items.filter((t) => t.id !== id);
  };
}

/** toasts is the single shared notification manager. */
export const toasts = new ToastManager();
