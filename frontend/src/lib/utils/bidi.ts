/**
 * isolate wraps user-written text that ends up in a plain string (a toast, a
 * notification, a placeholder) between FIRST STRONG ISOLATE and POP
 * DIRECTIONAL ISOLATE, so a right-to-left name or a stray bidi character in
 * it cannot reorder the words around it. In markup, use a `<bdi>` element
 * instead (docs/realtime.md, "Bidirectional text").
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
