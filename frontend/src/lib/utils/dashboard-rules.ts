/**
 * dashboard-rules are the facilitator dashboard's pure rules (who is stuck,
 * where everyone is), kept apart from the live store so they are tested and
 * read on their own.
 */
/** STUCK_FLOOR_MS: nobody counts as stuck before 3 minutes on a step. */
export const STUCK_FLOOR_MS = 3 * 60_000;

/** median of a list of numbers (0 for an empty list). */
export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * isStuck is the "stuck" rule of the dashboard: an attendee is stuck when their
 * time on the current step is over 3 minutes AND over twice the median time of
 * the attendees who already passed that step. When nobody passed it yet, the
 * step's own estimate (duration_minutes) stands in for the median; without
 * either, nobody is marked. Someone who finished the last step is never stuck.
 */
export function isStuck(onStepMs: number, passedMs: number[], estimateMinutes: number): boolean {
  return stuckAgainst(onStepMs, stuckReference(passedMs, estimateMinutes));
}

/**
 * stuckReference is the typical time (ms) on a step for the stuck rule: the
 * median of those who passed it, else the estimate. It is split out so the
 * dashboard sorts each step's times once, not for every row on every tick.
 */
export function stuckReference(passedMs: number[], estimateMinutes: number): number {
  return passedMs.length > 0 ? median(passedMs) : estimateMinutes * 60_000;
}

/** stuckAgainst applies the stuck rule to a reference from stuckReference (0 = none). */
export function stuckAgainst(onStepMs: number, refMs: number): boolean {
  if (refMs <= 0) return false;
  return onStepMs > STUCK_FLOOR_MS && onStepMs > 2 * refMs;
}

/** histogram counts attendees per step 1..stepCount (a step out of range counts on the nearest end). */
export function histogram(steps: number[], stepCount: number): number[] {
  const out = new Array<number>(Math.max(stepCount, 1)).fill(0);
  for (const s of steps) out[Math.min(Math.max(s, 1), out.length) - 1]++;
  return out;
}
