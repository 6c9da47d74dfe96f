import { describe, expect, it } from 'vitest';
import { codelabMinutes } from './format';
import type { Codelab } from '../types/codelab.type';

const lab = (o: Partial<Codelab>) => ({ duration_minutes: 0, ...o }) as Codelab;

describe('codelabMinutes', () => {
  it('uses the codelab estimate first', () => {
    expect(codelabMinutes(lab({ duration_minutes: 40, total_minutes: 25 }))).toBe(40);
  });
  it("uses the server's total on list cards, which carry no steps", () => {
    expect(codelabMinutes(lab({ total_minutes: 25 }))).toBe(25);
  });
  it('sums the steps when it has them', () => {
    expect(codelabMinutes(lab({ steps: [{ duration_minutes: 5 }, { duration_minutes: 7 }] as Codelab['steps'] }))).toBe(12);
  });
});
