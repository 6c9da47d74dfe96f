import { tick } from 'svelte';
import { contentService, type UploadedImage } from '../../lib/services/content-service';
import { toasts } from '../../lib/stores/toast.svelte';
import { handleError } from '../../lib/utils/error-util';
import { IMAGE_TYPES } from './file-names';
import { t } from '../../lib/i18n/i18n.svelte';

/** MarkdownTarget is what gets the image: the step draft whose markdown the textarea edits. */
export interface MarkdownTarget {
  markdown: string;
}

let seq = 0;

/** placeholderFor is the text shown where an image will go until its upload finishes. */
export function placeholderFor(n: number): string {
  return `[${t('adminContent.image.uploading', { number: n })}]`;
}

/** imageFilesOf picks the images out of a paste or drop (screenshots paste as one file). */
export function imageFilesOf(dt: DataTransfer | null): File[] {
  if (!dt) return [];
  const files = Array.from(dt.files ?? []);
  if (files.length === 0) {
    for (const item of Array.from(dt.items ?? [])) {
      const f = item.kind === 'file' ? item.getAsFile() : null;
      if (f) files.push(f);
    }
  }
  return files.filter((f) => IMAGE_TYPES.includes(f.type));
}

/** spliceText replaces text[start, end) with insert. */
export function spliceText(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/**
 * uploadIntoMarkdown puts a placeholder at the textarea's cursor, runs the
 * upload, then swaps the placeholder for the image markdown (or removes it
 * and shows the error). It edits the draft, not the textarea, so autosave
 * sees the change and a step switched away from still gets its image.
 */
export async function uploadIntoMarkdown(
  textarea: HTMLTextAreaElement | undefined,
  target: MarkdownTarget,
  job: () => Promise<UploadedImage | null>,
): Promise<void> {
  const placeholder = placeholderFor(++seq);
  const start = textarea?.selectionStart ?? target.markdown.length;
  const end = textarea?.selectionEnd ?? start;
  const before = target.markdown.slice(0, start);
  // An image gets a paragraph of its own: a blank line before it.
  const after = target.markdown.slice(end);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  target.markdown = spliceText(target.markdown, start, end, lead + placeholder + trail);
  const caret = start + lead.length + placeholder.length;
  await tick();
  if (textarea && document.activeElement === textarea) textarea.setSelectionRange(caret, caret);

  let replacement = '';
  try {
    replacement = (await job())?.markdown ?? '';
  } catch (e) {
    handleError(e, t('adminContent.image.failed'));
  }
  let at = target.markdown.indexOf(placeholder);
  if (at < 0) {
    // The placeholder was edited away while uploading: keep the image anyway.
    if (replacement) target.markdown += (target.markdown.endsWith('\n') ? '' : '\n') + replacement + '\n';
    return;
  }
  let len = placeholder.length;
  if (!replacement) {
    // Nothing to insert: take back the line breaks added around the placeholder too.
    if (lead && target.markdown.slice(at - lead.length, at) === lead) {
      at -= lead.length;
      len += lead.length;
    }
    if (trail && target.markdown.slice(at + len, at + len + trail.length) === trail) len += trail.length;
  }
  const cursor = textarea && document.activeElement === textarea ? textarea.selectionStart : -1;
  target.markdown = spliceText(target.markdown, at, at + len, replacement);
  if (cursor > at) {
    await tick();
    const moved = Math.max(at, cursor + replacement.length - len);
    textarea?.setSelectionRange(moved, moved);
  }
}

/** ImagePasteOptions configure the imagePaste action. */
export interface ImagePasteOptions {
  codelabId: string;
  target: MarkdownTarget;
}

/**
 * imagePaste is a Svelte action for the step's markdown textarea: pasting or
 * dropping image files uploads them and inserts their markdown at the cursor.
 * Other pastes and drops (text) behave as usual.
 */
export function imagePaste(node: HTMLTextAreaElement, options: ImagePasteOptions) {
  let opts = options;

  const insert = (files: File[]) => {
    for (const f of files) {
      void uploadIntoMarkdown(node, opts.target, () =>
        contentService.uploadImage(f, f.name || `pasted.${f.type.split('/')[1]}`, opts.codelabId),
      );
    }
  };
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

  function onpaste(e: ClipboardEvent) {
    const files = imageFilesOf(e.clipboardData);
    if (files.length === 0) return;
    e.preventDefault();
    insert(files);
  }
  function ondragover(e: DragEvent) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    node.classList.add('drop-target');
  }
  function ondragleave() {
    node.classList.remove('drop-target');
  }
  function ondrop(e: DragEvent) {
    node.classList.remove('drop-target');
    const files = imageFilesOf(e.dataTransfer);
    if (files.length === 0) {
      if (e.dataTransfer?.files.length) {
        // Dropping a PDF or ZIP here would make the browser open it: refuse clearly.
        e.preventDefault();
        toasts.show(t('adminContent.image.onlyImages'), 'error');
      }
      return;
    }
    e.preventDefault();
    node.focus();
    insert(files);
  }

  node.addEventListener('paste', onpaste);
  node.addEventListener('dragover', ondragover);
  node.addEventListener('dragleave', ondragleave);
  node.addEventListener('drop', ondrop);
  return {
    update(next: ImagePasteOptions) {
      opts = next;
    },
    destroy() {
      node.removeEventListener('paste', onpaste);
      node.removeEventListener('dragover', ondragover);
      node.removeEventListener('dragleave', ondragleave);
      node.removeEventListener('drop', ondrop);
    },
  };
}
