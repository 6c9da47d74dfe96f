// The attendee app's pages beyond the landing list are their own chunks: the
// first page (the list of codelabs) carries none of the workshop code (steps,
// chat, polls, quizzes, comments, certificate, helper view). preloadRoute starts
// the current page's chunk at boot, beside the messages, so a deep link (a
// step, a certificate) does not wait for them one after the other.
import { matchRoute, parseHash } from '../lib/stores/router.svelte';
import { loadWorkshopMessages } from '../lib/i18n/i18n.svelte';

/** withMessages resolves to the page's module once the workshop's messages are in too. */
const withMessages = <M>(load: Promise<M>): Promise<M> => Promise.all([load, loadWorkshopMessages()]).then(([m]) => m);

const loaders = {
  codelab: () => import('./components/CodelabPage.svelte'),
  certificate: () => import('./certificate/CertificatePage.svelte'),
  verify: () => import('./certificate/VerifyPage.svelte'),
  preview: () => import('./components/PreviewPage.svelte'),
  helper: () => import('./helper/HelperApp.svelte'),
};

export const pages = {
  codelab: () => withMessages(loaders.codelab()),
  certificate: () => withMessages(loaders.certificate()),
  verify: () => withMessages(loaders.verify()),
  preview: () => withMessages(loaders.preview()),
  helper: () => withMessages(loaders.helper()),
};

/** pageFor names the lazy page of a path, or null for the list and unknown paths. */
export function pageFor(path: string): keyof typeof pages | null {
  const first = path.split('/')[1] ?? '';
  if (first === 'codelabs' && (matchRoute(path, '/codelabs/:id') || matchRoute(path, '/codelabs/:id/:step'))) return 'codelab';
  if (first === 'certificate' && matchRoute(path, '/certificate/:id')) return 'certificate';
  if (path === '/verify' || matchRoute(path, '/verify/:token')) return 'verify';
  if (first === 'preview' && (matchRoute(path, '/preview/:id') || matchRoute(path, '/preview/:id/:step'))) return 'preview';
  if (path === '/helper' || matchRoute(path, '/helper/:token')) return 'helper';
  return null;
}

/**
 * preloadRoute starts loading the chunk of the page in `hash` and tells
 * whether that page needs the workshop's messages (then initI18n loads them
 * with the first language, in parallel); the list needs neither.
 */
export function preloadRoute(hash: string): boolean {
  const name = pageFor(parseHash(hash));
  if (!name) return false;
  void loaders[name]().catch(() => {}); // App's own import reports a failure
  return true;
}
