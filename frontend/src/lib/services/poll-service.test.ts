import { describe, expect, it } from 'vitest';
import { pollProblem } from './poll-service';

describe('pollProblem', () => {
  it('names the first rule a poll breaks, as the server would', () => {
    expect(pollProblem('Tea?', ['Yes', 'No'])).toBe('');
    expect(pollProblem('  ', ['Yes', 'No'])).toBe('polls.problem.question');
    expect(pollProblem('Tea?', ['Yes'])).toBe('polls.problem.few');
    expect(pollProblem('Tea?', 'abcdefghijk'.split(''))).toBe('polls.problem.many');
    expect(pollProblem('Tea?', ['Yes', ' '])).toBe('polls.problem.empty');
    expect(pollProblem('Tea?', ['Yes', ' yes'])).toBe('polls.problem.duplicate');
  });
});
