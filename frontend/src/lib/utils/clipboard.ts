/**
 * clipboard copies text in every context attendees use. On plain
 * `http://192.168.x.x` pages `navigator.clipboard` is undefined (it needs a
 * secure context), so we fall back to selecting a hidden textarea and
 * `document.execCommand('copy')`.
 */

/** copyText copies text, preferring the async Clipboard API; resolves to success. */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clip = doc.defaultView?.navigator?.clipboard;
  if (clip && typeof clip.writeText === 'function') {
    try {
      await clip.writeText(text);
      return true;
    } catch {
      // Permission denied or not focused: the selection copy may still work.
    }
  }
  return fallbackCopy(text, doc);
}

/** fallbackCopy selects text in an off-screen textarea and runs the copy command. */
export function fallbackCopy(text: string, doc: Document = document): boolean {
  const previous = doc.activeElement as HTMLElement | null;
  const ta = doc.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.setAttribute('aria-hidden', 'true');
  Object.assign(ta.style, { position: 'fixed', top: '0', left: '-9999px', opacity: '0' });
  doc.body.appendChild(ta);
  let ok = false;
  try {
    ta.focus();
    ta.select();
    ta.setSelectionRange(0, text.length);
    ok = typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    ok = false;
  } finally {
    ta.remove();
    previous?.focus?.();
  }
  return ok;
}
