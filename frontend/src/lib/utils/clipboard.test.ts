// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { copyText, fallbackCopy } from './clipboard';

// jsdom has no clipboard and no execCommand: the test installs a recording
// execCommand that reads what a browser would copy, the current selection.
type Recorded = { command: string; selected: string; inDocument: boolean };

function recordExecCommand(result: boolean): Recorded[] {
  const calls: Recorded[] = [];
  (document as unknown as { execCommand: (c: string) => boolean }).execCommand = (command: string) => {
    const el = document.activeElement as HTMLTextAreaElement;
    calls.push({
      command,
      selected: el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0),
      inDocument: document.body.contains(el),
    });
    return result;
  };
  return calls;
}

afterEach(() => {
  delete (document as unknown as { execCommand?: unknown }).execCommand;
  document.body.innerHTML = '';
});

describe('fallbackCopy', () => {
  it('selects exactly the text, copies, and removes the textarea', () => {
    const calls = recordExecCommand(true);
    const text = 'go run .\n  fmt.Println("hi")\n';
    expect(fallbackCopy(text)).toBe(true);
    expect(calls).toEqual([{ command: 'copy', selected: text, inDocument: true }]);
    expect(document.querySelectorAll('textarea').length).toBe(0);
  });

  it('reports failure when the browser refuses to copy', () => {
    recordExecCommand(false);
    expect(fallbackCopy('x')).toBe(false);
    expect(document.querySelectorAll('textarea').length).toBe(0);
  });

  it('gives focus back to the element that had it', () => {
    recordExecCommand(true);
    const button = document.createElement('button');
    document.body.appendChild(button);
    button.focus();
    fallbackCopy('x');
    expect(document.activeElement).toBe(button);
  });
});

describe('copyText', () => {
  it('falls back when navigator.clipboard is undefined (plain http on the LAN)', async () => {
    expect(navigator.clipboard).toBeUndefined();
    const calls = recordExecCommand(true);
    expect(await copyText('npm ci')).toBe(true);
    expect(calls.map((c) => c.selected)).toEqual(['npm ci']);
  });
});
