// The polite live region both apps share (LiveAnnouncer.svelte renders it):
// screen readers read what is put here without moving focus, e.g. a chat
// message that arrives while the chat is closed or a change in the help queue.
class Announcer {
  /** message is the text in the region now; a repeat of the same text is made distinct. */
  message = $state('');
  private flip = false;

  announce = (text: string): void => {
    if (!text) return;
    // A live region reads changes only: the same words twice need a difference.
    this.flip = !this.flip;
    this.message = this.flip ? text : `${text}\u00a0`;
  };
}

export const announcer = new Announcer();
export const announce = announcer.announce;
