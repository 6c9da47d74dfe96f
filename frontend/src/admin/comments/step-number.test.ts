import { describe, expect, it } from 'vitest';
import { attendeeStep, editorIndex, stepFromHash } from './step-number';

const steps = [{}, { hidden: true }, {}, {}];

describe('step numbers', () => {
  it('skips hidden steps both ways', () => {
    expect([0, 1, 2, 3].map((i) => attendeeStep(steps, i))).toEqual([1, 0, 2, 3]);
    expect([1, 2, 3, 4].map((n) => editorIndex(steps, n))).toEqual([0, 2, 3, -1]);
    expect(attendeeStep(steps, 9)).toBe(0);
  });

  it('reads the step of an editor link', () => {
    expect(stepFromHash('#/codelabs/abc?step=3')).toBe(3);
    expect(stepFromHash('#/codelabs/abc')).toBe(0);
    expect(stepFromHash('#/codelabs/abc?step=x')).toBe(0);
  });
});
