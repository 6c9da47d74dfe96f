/**
 * Attendees number only the steps they see (hidden steps of a claat
 * environment choice are skipped), and comments carry that number; the
 * editor lists every step. These convert between the two.
 */
interface HasHidden {
  hidden?: boolean;
}

/** attendeeStep is the attendee's number of the editor's step index (0: hidden, or no such step). */
export function attendeeStep(steps: HasHidden[], index: number): number {
  if (index < 0 || index >= steps.length || steps[index].hidden) return 0;
  return steps.slice(0, index + 1).filter((s) => !s.hidden).length;
}

/** editorIndex is the editor's index of the attendee's step n (-1: none). */
export function editorIndex(steps: HasHidden[], n: number): number {
  let seen = 0;
  for (let i = 0; i < steps.length; i++) {
    if (!steps[i].hidden && ++seen === n) return i;
  }
  return -1;
}

/** stepFromHash reads `?step=N` (the attendee's number) of an editor link such as `#/codelabs/ID?step=3`. */
export function stepFromHash(hash: string): number {
  const n = Number.parseInt(new URLSearchParams(hash.split('?')[1] ?? '').get('step') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
