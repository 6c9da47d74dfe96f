import { describe, expect, it } from 'vitest';
import { stepIndex } from './step-index';

describe('stepIndex', () => {
  it('is the 0-based index of a step in range', () => {
    expect(stepIndex('2', 3)).toBe(1);
    expect(stepIndex(undefined, 3)).toBe(0);
  });
  it('holds out-of-range steps inside the codelab', () => {
    expect(stepIndex('9', 3)).toBe(2);
    expect(stepIndex('0', 3)).toBe(0);
    expect(stepIndex('5', 0)).toBe(0);
  });
  it('is 0 for what is not a number', () => {
    expect(stepIndex('guide', 3)).toBe(0);
  });
});
