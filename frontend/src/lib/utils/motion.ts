/** smoothScroll is 'smooth', or 'auto' when the person asked the system for reduced motion. */
export function smoothScroll(): ScrollBehavior {
  if (typeof window === 'undefined' || !window.matchMedia) return 'smooth';
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
