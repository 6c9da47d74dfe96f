import { t } from '../i18n/i18n.svelte';
import { copyText } from './clipboard';

/**
 * addCopyButtons puts a Copy button on every `.code-block` the server rendered
 * (`<div class="code-block" data-lang="go"><pre>…</pre></div>`) and handles
 * their clicks with one delegated listener. It returns the cleanup.
 */
export function addCopyButtons(root: HTMLElement): () => void {
  const doc = root.ownerDocument;
  for (const block of root.querySelectorAll<HTMLElement>('.code-block')) {
    if (block.querySelector(':scope > .copy-btn')) continue;
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'copy-btn';
    b.textContent = t('common.copy.button');
    b.setAttribute('aria-label', t('common.copy.label'));
    block.appendChild(b);
  }

  const timers = new Set<ReturnType<typeof setTimeout>>();
  const onClick = async (e: Event) => {
    const btn = (e.target as Element | null)?.closest?.('.copy-btn');
    if (!(btn instanceof HTMLElement) || !root.contains(btn)) return;
    const pre = btn.parentElement?.querySelector('pre');
    const ok = await copyText(pre?.textContent ?? '', doc);
    btn.textContent = ok ? t('common.copy.done') : t('common.copy.manual');
    btn.classList.toggle('copied', ok);
    const timer = setTimeout(() => {
      btn.textContent = t('common.copy.button');
      btn.classList.remove('copied');
      timers.delete(timer);
    }, 1500);
    timers.add(timer);
  };
  root.addEventListener('click', onClick);
  return () => {
    root.removeEventListener('click', onClick);
    for (const timer of timers) clearTimeout(timer);
  };
}
