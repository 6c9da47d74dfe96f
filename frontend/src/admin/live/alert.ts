/**
 * alert makes a new help request hard to miss while the facilitator walks the
 * room: a short two-tone beep generated with WebAudio (no audio file is
 * fetched, so it works offline and in the desktop window) and, only when the
 * page is hidden and the user already granted it, a system Notification. We
 * never prompt for notification permission on our own: the dashboard has an
 * explicit "Desktop notifications" button for that (enableNotifications).
 */

import { t } from '../../lib/i18n/i18n.svelte';

let ctx: AudioContext | null = null;

/** beep plays ~0.3 s of two sine tones; it does nothing where WebAudio is missing. */
export function beep(): void {
  try {
    const AC = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AC) return;
    ctx ??= new AC();
    if (ctx.state === 'suspended') void ctx.resume();
    const t0 = ctx.currentTime;
    for (const [i, freq] of [880, 1175].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = t0 + i * 0.15;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.15);
    }
  } catch {
    // audio blocked (no user gesture yet): the toast still shows
  }
}

/** notificationsAvailable tells whether the Notification API exists here. */
export function notificationsAvailable(): boolean {
  return typeof Notification !== 'undefined';
}

/** enableNotifications asks for permission (call it from a click). */
export async function enableNotifications(): Promise<boolean> {
  if (!notificationsAvailable()) return false;
  if (Notification.permission === 'granted') return true;
  return (await Notification.requestPermission()) === 'granted';
}

/** notify shows a system notification when permitted and the page is not visible. */
export function notify(title: string, body: string): void {
  if (!notificationsAvailable() || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible') return;
  try {
    new Notification(title, { body, tag: 'ocl-help' });
  } catch {
    // some webviews expose the API but refuse to show notifications
  }
}

/** clock is a shared ticking "now" for wait and time-on-step counters. */
export function startClock(tick: (now: number) => void, everyMs = 1000): () => void {
  tick(Date.now());
  const h = setInterval(() => tick(Date.now()), everyMs);
  return () => clearInterval(h);
}

/** duration renders milliseconds as "42 s", "3 min 05 s" or "1 h 02 min", in the showing language. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('adminLive.duration.s', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('adminLive.duration.m', { m, s: s % 60 });
  return t('adminLive.duration.h', { h: Math.floor(m / 60), m: m % 60 });
}
