import { beforeAll, describe, expect, it } from 'vitest';
import { loadForTest } from '../../lib/i18n/i18n.svelte';
import adminLoop from '../../lib/i18n/messages/en/adminLoop.json';
import { newQuestion, questionProblem, quizFromServer, quizToInput, removeOption, setKind, toggleAnswer } from './quiz-draft';

beforeAll(() => loadForTest('en', Object.fromEntries(Object.entries(adminLoop).map(([k, v]) => [`adminLoop.${k}`, v]))));

describe('quiz draft', () => {
  it('round-trips a server quiz, keeping ids, steps and accepted answers', () => {
    const d = quizFromServer({
      pass_percent: 70,
      retries: false,
      questions: [
        { id: 'q1', prompt: '2+2?', kind: 'single', options: ['3', '4'], answers: [1], accept: [], step: null },
        { id: 'q2', prompt: 'Capital?', kind: 'text', options: [], answers: [], accept: ['Paris', 'paris '], step: 2 },
      ],
    });
    expect(d.questions[1].accept).toBe('Paris\nparis ');
    expect(d.questions[1].step).toBe('2');
    const input = quizToInput(d);
    expect(input).toEqual({
      pass_percent: 70,
      retries: false,
      questions: [
        { id: 'q1', prompt: '2+2?', kind: 'single', options: ['3', '4'], answers: [1], accept: [], step: null },
        { id: 'q2', prompt: 'Capital?', kind: 'text', options: [], answers: [], accept: ['Paris', 'paris'], step: 2 },
      ],
    });
  });

  it('defaults to an 80% pass mark with retries, and clamps the pass mark', () => {
    const d = quizFromServer(null);
    expect(quizToInput(d)).toMatchObject({ pass_percent: 80, retries: true, questions: [] });
    expect(quizToInput({ ...d, pass_percent: 140 }).pass_percent).toBe(100);
    expect(quizToInput({ ...d, pass_percent: null }).pass_percent).toBe(0);
  });

  it('names what the server would refuse', () => {
    const q = newQuestion('single');
    expect(questionProblem(q)).toBe('Write the question.');
    q.prompt = 'Pick';
    expect(questionProblem(q)).toMatch(/every option/);
    q.options = ['a', 'b'];
    expect(questionProblem(q)).toBe('Mark the right answer.');
    toggleAnswer(q, 1);
    expect(questionProblem(q)).toBe('');
    const t = newQuestion('text');
    t.prompt = 'Say';
    expect(questionProblem(t)).toMatch(/accepted answer/);
    t.accept = '\n ok \n';
    expect(questionProblem(t)).toBe('');
  });

  it('keeps the right answers pointing at the same options when one is removed', () => {
    const q = newQuestion('multi');
    q.options = ['a', 'b', 'c', 'd'];
    toggleAnswer(q, 1);
    toggleAnswer(q, 3);
    removeOption(q, 0);
    expect(q.options).toEqual(['b', 'c', 'd']);
    expect(q.answers).toEqual([0, 2]);
    removeOption(q, 0);
    expect(q.answers).toEqual([1]);
  });

  it('switching to single keeps one right answer', () => {
    const q = newQuestion('multi');
    q.options = ['a', 'b', 'c'];
    toggleAnswer(q, 0);
    toggleAnswer(q, 2);
    setKind(q, 'single');
    expect(q.answers).toEqual([0]);
    toggleAnswer(q, 2);
    expect(q.answers).toEqual([2]);
  });
});
