/**
 * text-quote anchors a comment to a step by what it quotes, after the W3C Web
 * Annotation TextQuoteSelector: the exact text plus a little context before
 * (prefix) and after (suffix) it, taken from the step's rendered text. Pure
 * string logic (no DOM) so it is tested on its own; text-quote-dom.ts maps it
 * onto a page.
 *
 * - describe: a selection [start, end) of the text → its selector.
 * - locate: a selector → where it is in the (possibly edited) text now, or null
 *   when the quote is gone: the comment is then "detached", never moved to
 *   some other text.
 * Edits elsewhere in the step change offsets but not the quote, so locating by
 * the quote keeps the anchor. When the quote occurs more than once, the
 * occurrence whose surroundings best match prefix and suffix wins.
 */

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextSpan {
  start: number;
  end: number;
}

/** CONTEXT is how many characters of prefix and suffix a selector keeps (the server allows 64). */
export const CONTEXT = 32;
/** MAX_QUOTE is the longest quote the server accepts (characters, as it counts: code points). */
export const MAX_QUOTE = 500;

/** quoteLength counts code points, as the server does. */
export function quoteLength(s: string): number {
  return [...s].length;
}

/**
 * describe makes the selector of text[start, end), with the outer whitespace
 * of the selection left out (a double-click or shift+arrows often takes a
 * trailing space). It returns null when nothing but whitespace is selected.
 */
export function describe(text: string, start: number, end: number, context = CONTEXT): TextQuote | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s === e) return null;
  return {
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - context), s),
    suffix: text.slice(e, e + context),
  };
}

/** commonSuffix is how many characters a and b share at their ends. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** commonPrefix is how many characters a and b share at their starts. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * locate finds the selector in text. Each occurrence of exact scores by how
 * much of the prefix ends right before it and how much of the suffix starts
 * right after it; the best wins, the earlier one on a tie. Null: the quote
 * is not in the text any more (detached).
 */
export function locate(text: string, q: TextQuote): TextSpan | null {
  if (!q.exact) return null;
  let best: TextSpan | null = null;
  let bestScore = -1;
  for (let i = text.indexOf(q.exact); i >= 0; i = text.indexOf(q.exact, i + 1)) {
    const end = i + q.exact.length;
    const score =
      commonSuffix(text.slice(Math.max(0, i - q.prefix.length), i), q.prefix) +
      commonPrefix(text.slice(end, end + q.suffix.length), q.suffix);
    if (score > bestScore) {
      best = { start: i, end };
      bestScore = score;
    }
  }
  return best;
}
