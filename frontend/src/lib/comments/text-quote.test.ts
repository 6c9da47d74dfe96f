import { describe as suite, expect, it } from 'vitest';
import { describe, locate, MAX_QUOTE, quoteLength } from './text-quote';

const step =
  'Install the tools first. Run the server with make run. ' +
  'Then open the page in a browser. Run the server with make run. Stop it with Ctrl+C.';

function select(text: string, exact: string, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(exact, i + 1);
  return describe(text, i, i + exact.length)!;
}

suite('describe', () => {
  it('keeps the quote and up to 32 characters of context each side', () => {
    const q = select(step, 'Then open the page in a browser.');
    expect(q.exact).toBe('Then open the page in a browser.');
    expect(q.prefix).toBe(step.slice(step.indexOf('Then') - 32, step.indexOf('Then')));
    expect(q.suffix.startsWith(' Run the server')).toBe(true);
    expect(q.suffix.length).toBe(32);
  });

  it('drops the whitespace around a selection and refuses a blank one', () => {
    const i = step.indexOf(' Then');
    expect(describe(step, i, i + 10)!.exact).toBe('Then open');
    expect(describe(step, i, i + 1)).toBeNull();
    expect(describe(step, 5, 5)).toBeNull();
  });

  it('takes the context that exists at the edges of the text', () => {
    const q = describe(step, 0, 7)!;
    expect(q).toEqual({ exact: 'Install', prefix: '', suffix: step.slice(7, 39) });
  });

  it('counts quote length as code points, as the server does', () => {
    expect(quoteLength('é😀')).toBe(2);
    expect(MAX_QUOTE).toBe(500);
  });
});

suite('locate', () => {
  it('finds the quote where it is', () => {
    const q = select(step, 'Then open the page in a browser.');
    const at = locate(step, q)!;
    expect(step.slice(at.start, at.end)).toBe(q.exact);
  });

  it('keeps the anchor when text elsewhere in the step is edited', () => {
    const q = select(step, 'Then open the page in a browser.');
    const edited = 'Before you start, read the guide. ' + step.replace('Stop it with Ctrl+C.', 'Press Ctrl+C to stop.');
    const at = locate(edited, q)!;
    expect(edited.slice(at.start, at.end)).toBe('Then open the page in a browser.');
    expect(at.start).toBe(step.indexOf('Then') + 'Before you start, read the guide. '.length);
  });

  it('picks the repeated quote whose context matches', () => {
    const second = select(step, 'Run the server with make run.', 1);
    const first = select(step, 'Run the server with make run.', 0);
    const two = step.lastIndexOf('Run the server');
    expect(locate(step, second)!.start).toBe(two);
    expect(locate(step, first)!.start).toBe(step.indexOf('Run the server'));
    // Still the second one after an edit before both occurrences.
    const edited = 'Welcome! ' + step;
    expect(locate(edited, second)!.start).toBe(two + 'Welcome! '.length);
  });

  it('uses the suffix when the prefix no longer tells the copies apart', () => {
    const text = 'A. Do it now. B. Do it now. C.';
    const q = { exact: 'Do it now.', prefix: 'zzz', suffix: ' C.' };
    expect(locate(text, q)!.start).toBe(text.lastIndexOf('Do it now.'));
  });

  it('returns null (detached) when the quote was removed, never another text', () => {
    const q = select(step, 'Then open the page in a browser.');
    const edited = step.replace('Then open the page in a browser. ', '');
    expect(locate(edited, q)).toBeNull();
    // A partial rewrite of the sentence also detaches it.
    expect(locate(step.replace('in a browser', 'in Chromium'), q)).toBeNull();
    expect(locate(step, { exact: '', prefix: '', suffix: '' })).toBeNull();
  });
});
