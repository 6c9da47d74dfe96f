// theme-boot.js runs in <head> before the first paint (a classic script, not
// inline: the page's CSP allows scripts from 'self' only) and sets
// data-theme on <html> from the person's pick, so a dark page never flashes
// light. lib/stores/theme.svelte.ts owns the choice afterwards; both read
// the same key and resolve "system" the same way (theme.test.ts checks).
(function () {
  var choice = 'system';
  try {
    choice = localStorage.getItem('ocl.theme') || 'system';
  } catch (e) {
    /* storage blocked: follow the system */
  }
  var dark = choice === 'dark' || (choice !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
