/**
 * Projector puts one element in front of the room: the Fullscreen API when the
 * browser allows it, else a CSS full-viewport overlay (the desktop window and
 * some kiosks refuse fullscreen). Esc leaves either way.
 */
export class Projector {
  /** active is true while the element fills the screen (either way). */
  active = $state(false);
  /** overlay is true when the CSS fallback is in use instead of real fullscreen. */
  overlay = $state(false);
  private el: HTMLElement | null = null;

  /** attach follows fullscreen changes and Esc; it returns the cleanup for an $effect. */
  attach = (el: HTMLElement): (() => void) => {
    this.el = el;
    document.addEventListener('fullscreenchange', this.sync);
    window.addEventListener('keydown', this.onKey);
    return () => {
      document.removeEventListener('fullscreenchange', this.sync);
      window.removeEventListener('keydown', this.onKey);
      if (this.active) void this.leave();
      this.el = null;
    };
  };

  enter = async (): Promise<void> => {
    if (!this.el || this.active) return;
    this.active = true;
    try {
      if (typeof this.el.requestFullscreen !== 'function') throw new Error('no Fullscreen API');
      await this.el.requestFullscreen({ navigationUI: 'hide' });
      this.overlay = false;
    } catch {
      this.overlay = true;
    }
  };

  leave = async (): Promise<void> => {
    this.active = false;
    this.overlay = false;
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
  };

  toggle = (): Promise<void> => (this.active ? this.leave() : this.enter());

  /** sync drops projector mode when the browser left fullscreen (Esc, F11, a dialog). */
  private sync = (): void => {
    if (!this.overlay && this.active && document.fullscreenElement !== this.el) this.active = false;
  };

  private onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.active) {
      e.preventDefault();
      void this.leave();
    }
  };
}
