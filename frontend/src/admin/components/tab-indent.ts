// Tab in the markdown editor indents and Shift+Tab outdents, as in code
// editors; Esc then Tab leaves the textarea (the keyboard is never trapped).

/** INDENT is one level: two spaces, the textarea's tab-size and enough for nested markdown lists. */
export const INDENT = '  ';

export interface Edit {
  text: string;
  start: number;
  end: number;
}

/**
 * indentEdit applies Tab (outdent=false) or Shift+Tab (outdent=true) to text
 * with the selection [start, end): with no selection Tab inserts one level at
 * the cursor; otherwise every line the selection touches moves one level.
 * It returns the new text and selection.
 */
export function indentEdit(text: string, start: number, end: number, outdent: boolean): Edit {
  if (!outdent && start === end) {
    return { text: text.slice(0, start) + INDENT + text.slice(end), start: start + INDENT.length, end: start + INDENT.length };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // A selection ending right after a newline does not take in the next line.
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end;
  const nl = text.indexOf('\n', last);
  const lineEnd = nl === -1 ? text.length : nl;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  let first = 0; // change on the first line, to move the selection start
  let total = 0;
  const out = lines.map((line, i) => {
    let d: number;
    let next: string;
    if (outdent) {
      const m = /^( {1,2}|\t)/.exec(line);
      d = m ? -m[0].length : 0;
      next = line.slice(-d);
    } else {
      d = INDENT.length;
      next = INDENT + line;
    }
    if (i === 0) first = d;
    total += d;
    return next;
  });
  const newText = text.slice(0, lineStart) + out.join('\n') + text.slice(lineEnd);
  const newStart = Math.max(lineStart, start + first);
  return { text: newText, start: newStart, end: Math.max(newStart, end + total) };
}

/** tabIndent is the Svelte action for a textarea. */
export function tabIndent(node: HTMLTextAreaElement) {
  let escaped = false;
  function onkeydown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      escaped = true;
      return;
    }
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) {
      if (e.key !== 'Shift') escaped = false;
      return;
    }
    if (escaped) {
      escaped = false; // the browser moves focus on
      return;
    }
    e.preventDefault();
    const { selectionStart: s, selectionEnd: en, value } = node;
    const edit = indentEdit(value, s, en, e.shiftKey);
    if (edit.text === value) return;
    // Replace only the changed span through insertText: it keeps the browser's undo history.
    let a = 0;
    while (a < value.length && a < edit.text.length && value[a] === edit.text[a]) a++;
    let z = 0;
    while (z < value.length - a && z < edit.text.length - a && value[value.length - 1 - z] === edit.text[edit.text.length - 1 - z]) z++;
    node.setSelectionRange(a, value.length - z);
    const inserted = edit.text.slice(a, edit.text.length - z);
    if (!document.execCommand?.('insertText', false, inserted) || node.value !== edit.text) {
      node.value = edit.text;
      node.dispatchEvent(new Event('input', { bubbles: true }));
    }
    node.setSelectionRange(edit.start, edit.end);
  }
  const onblur = () => (escaped = false);
  node.addEventListener('keydown', onkeydown);
  node.addEventListener('blur', onblur);
  return {
    destroy() {
      node.removeEventListener('keydown', onkeydown);
      node.removeEventListener('blur', onblur);
    },
  };
}
