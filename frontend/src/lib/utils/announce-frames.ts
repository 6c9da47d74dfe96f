// What a screen reader hears about live events that arrive while the person is
// elsewhere on the page (the polite live region, announcer.svelte.ts). Only
// events from other people are said; replayed history is never said.
import { t } from '../i18n/i18n.svelte';
import type { HelpRequest, ServerFrame } from '../types/live.type';

/** attendeeAnnouncement is what an attendee (meId) hears about frame f, or ''. */
export function attendeeAnnouncement(f: ServerFrame, meId: string, chatOpen: boolean): string {
  switch (f.type) {
    case 'chat':
      // An open chat is a log region of its own.
      return f.from.id === meId || chatOpen ? '' : t('a11y.chatFrom', { name: f.from.name, text: f.text });
    case 'dm':
      return f.from.id === meId || chatOpen ? '' : t('a11y.dmFrom', { name: f.from.name, text: f.text });
    case 'help_position':
      return t('a11y.helpPosition', { position: f.position });
    case 'help_resolved':
      return f.attendee.id === meId && f.by.id !== meId ? t('a11y.helpResolved') : '';
    default:
      return '';
  }
}

/**
 * adminAnnouncement is what the facilitator hears about frame f given the help
 * queue after it, or ''. Chat is not said here: the dashboard's chat log is on
 * screen and a live region of its own.
 */
export function adminAnnouncement(f: ServerFrame, queue: readonly HelpRequest[]): string {
  switch (f.type) {
    case 'help':
    case 'help_resolved':
      return t('a11y.helpQueue', { count: queue.length });
    default:
      return '';
  }
}
