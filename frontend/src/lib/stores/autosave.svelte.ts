import { errorMessage, isRetryable, needsFacilitator } from '../utils/error-util';
import { t } from '../i18n/i18n.svelte';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaverOptions {
  /** save writes everything that is dirty; it throws on failure. */
  save: () => Promise<void>;
  /** isDirty tells whether edits remain unsaved (e.g. made while saving). */
  isDirty: () => boolean;
  delayMs?: number;
  maxRetryMs?: number;
}

/**
 * Autosaver debounces edits into saves and shows where they are: pending,
 * saving, saved, or failed. Network and server failures retry with backoff;
 * a rejected edit (4xx) waits for the next change, since resending cannot help.
 */
export class Autosaver {
  state = $state<SaveState>('idle');
  message = $state('');
  /** blocked says what keeps the edits from being saved ('' when nothing does). */
  blocked = $state('');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private retryMs = 1000;
  private readonly opts: Required<AutosaverOptions>;

  constructor(opts: AutosaverOptions) {
    this.opts = { delayMs: 800, maxRetryMs: 30_000, ...opts };
  }

  /** schedule (re)starts the debounce timer after an edit. */
  schedule = (): void => {
    clearTimeout(this.timer);
    if (this.state !== 'error' || this.message !== t('common.autosave.retrying')) this.state = 'pending';
    this.timer = setTimeout(this.run, this.opts.delayMs);
  };

  /** flush saves now (Save button, leaving the editor). */
  flush = (): Promise<void> => {
    clearTimeout(this.timer);
    return this.run();
  };

  /** block holds saves back while the edits are invalid; an empty reason lets them through. */
  block = (reason: string): void => {
    this.blocked = reason;
    if (reason) clearTimeout(this.timer);
  };

  dispose = (): void => {
    clearTimeout(this.timer);
  };

  private run = async (): Promise<void> => {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.blocked) return;
    if (!this.opts.isDirty()) {
      if (this.state === 'pending') this.state = 'saved';
      return;
    }
    this.running = true;
    this.state = 'saving';
    try {
      await this.opts.save();
      this.retryMs = 1000;
      this.message = '';
      this.state = this.opts.isDirty() ? 'pending' : 'saved';
      if (this.opts.isDirty()) this.again = true;
    } catch (e) {
      this.state = 'error';
      if (isRetryable(e)) {
        // A full disk must be named: retrying alone would never tell anyone.
        this.message = needsFacilitator(e) ? t('common.autosave.failedRetrying', { message: errorMessage(e) }) : t('common.autosave.retrying');
        clearTimeout(this.timer);
        this.timer = setTimeout(this.run, this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, this.opts.maxRetryMs);
      } else {
        this.message = t('common.autosave.failed', { message: errorMessage(e) });
      }
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.schedule();
    }
  };
}

/**
 * saveLabel is the status line's text. Edits that cannot be saved say what
 * is wrong and that they are not saved: they are never reported as saved.
 */
export function saveLabel(s: Pick<Autosaver, 'state' | 'message' | 'blocked'>): string {
  if (s.blocked) return t('common.autosave.notSaved', { reason: s.blocked });
  switch (s.state) {
    case 'pending':
    case 'saving':
      return t('common.autosave.saving');
    case 'saved':
      return t('common.autosave.saved');
    case 'error':
      return s.message || t('common.autosave.retrying');
    default:
      return t('common.autosave.allSaved');
  }
}
