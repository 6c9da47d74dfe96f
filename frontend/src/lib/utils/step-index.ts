/**
 * stepIndex turns the step of an address (`#/codelabs/ID/3`: "3", or none)
 * into an index into the codelab's steps: 1-based to 0-based, held inside
 * the steps there are, and 0 for anything that is not a number.
 */
export function stepIndex(step: string | undefined, count: number): number {
  const n = Number.parseInt(step ?? '1', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n - 1, 0), Math.max(count - 1, 0)) : 0;
}
