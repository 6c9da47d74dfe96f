// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/services/api-client';
import { toasts } from '../../lib/stores/toast.svelte';
import { imageFilesOf, spliceText, uploadIntoMarkdown } from './image-upload';
import { safeName } from './file-names';
import { loadAdminEnglish } from '../test-english';

loadAdminEnglish();

const uploaded = { url: 'uploads/a.png', markdown: '![a](uploads/a.png)', name: 'a.png', width: 1, height: 1 };

function textareaWith(value: string, caret: number): HTMLTextAreaElement {
  const ta = document.createElement('textarea');
  document.body.append(ta);
  ta.value = value;
  ta.focus();
  ta.setSelectionRange(caret, caret);
  return ta;
}

afterEach(() => {
  document.body.innerHTML = '';
  toasts.items = [];
});

describe('uploadIntoMarkdown', () => {
  it('shows a placeholder at the cursor while uploading, then the image markdown', async () => {
    const target = { markdown: 'Intro\nOutro' };
    const ta = textareaWith(target.markdown, 6);
    let finish: (v: typeof uploaded) => void = () => {};
    const done = uploadIntoMarkdown(ta, target, () => new Promise((r) => (finish = r)));
    await Promise.resolve();
    expect(target.markdown).toMatch(/^Intro\n\n\[Uploading image… #\d+\]\n\nOutro$/);
    finish(uploaded);
    await done;
    expect(target.markdown).toBe('Intro\n\n![a](uploads/a.png)\n\nOutro');
  });

  it('starts a new paragraph when the cursor is mid-line', async () => {
    const target = { markdown: 'See this' };
    await uploadIntoMarkdown(textareaWith(target.markdown, 8), target, async () => uploaded);
    expect(target.markdown).toBe('See this\n\n![a](uploads/a.png)');
  });

  it('removes the placeholder and shows the server message on failure', async () => {
    const target = { markdown: 'Text' };
    await uploadIntoMarkdown(textareaWith('Text', 0), target, async () => {
      throw new ApiError(400, 'unsupported_image', '"x.bmp" is not a PNG, JPEG, GIF or WebP image.');
    });
    expect(target.markdown).toBe('Text');
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([
      ['error', 'Image upload failed: "x.bmp" is not a PNG, JPEG, GIF or WebP image.'],
    ]);
  });

  it('takes back the added line breaks when the upload fails', async () => {
    const target = { markdown: 'See this' };
    await uploadIntoMarkdown(textareaWith(target.markdown, 4), target, async () => {
      throw new Error('offline');
    });
    expect(target.markdown).toBe('See this');
  });

  it('keeps the image when the placeholder was edited away meanwhile', async () => {
    const target = { markdown: '' };
    await uploadIntoMarkdown(undefined, target, async () => {
      target.markdown = 'rewritten';
      return uploaded;
    });
    expect(target.markdown).toBe('rewritten\n![a](uploads/a.png)\n');
  });

  it('leaves the text alone when a desktop dialog is cancelled', async () => {
    const target = { markdown: 'Text' };
    await uploadIntoMarkdown(undefined, target, async () => null);
    expect(target.markdown).toBe('Text');
  });
});

describe('helpers', () => {
  it('spliceText replaces a range', () => {
    expect(spliceText('abcdef', 2, 4, 'XY')).toBe('abXYef');
  });

  it('imageFilesOf keeps only supported images', () => {
    const files = [
      new File(['x'], 'a.png', { type: 'image/png' }),
      new File(['x'], 'b.pdf', { type: 'application/pdf' }),
      new File(['x'], 'c.svg', { type: 'image/svg+xml' }),
    ];
    const dt = { files, items: [] } as unknown as DataTransfer;
    expect(imageFilesOf(dt).map((f) => f.name)).toEqual(['a.png']);
    expect(imageFilesOf(null)).toEqual([]);
  });

  it.each([
    ['Go: the <basics>?', 'Go the basics'],
    ['  ..hidden', 'hidden'],
    ['***', 'codelab'],
  ])('safeName(%j) = %j', (title, want) => {
    expect(safeName(title)).toBe(want);
  });
});
