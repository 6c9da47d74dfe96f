import { describe, expect, it } from 'vitest';
import { missingImagesPath, whereUsed } from './missing-images-service';
import { stepsFromCodelab, stepsToInput } from '../../admin/editor-draft';
import type { Codelab } from '../types/codelab.type';

describe('missing images', () => {
  it('names where a reference is used', () => {
    expect(whereUsed({ ref: 'a.png', steps: [2] })).toBe('step 2');
    expect(whereUsed({ ref: 'a.png', steps: [1, 3, 4] })).toBe('steps 1, 3 and 4');
    expect(whereUsed({ ref: 'a.png', steps: [], in_guide: true })).toBe('the preparation guide');
    expect(whereUsed({ ref: 'a.png', steps: [5], in_guide: true })).toBe('step 5, the preparation guide');
  });

  it('puts the reference in the query for the desktop picker', () => {
    expect(missingImagesPath('a b')).toBe('/api/admin/codelabs/a%20b/missing-images');
    expect(missingImagesPath('x', 'img/my pic.png')).toBe('/api/admin/codelabs/x/missing-images?ref=img%2Fmy%20pic.png');
  });
});

describe('hidden steps in the editor draft', () => {
  it('keeps hidden and environments through a save, and adds nothing to plain steps', () => {
    const c = {
      steps: [
        { number: 1, title: 'A', duration_minutes: 1, html: '', markdown: 'a' },
        { number: 2, title: 'K', duration_minutes: 2, html: '', markdown: 'k', hidden: true, environments: ['kiosk'] },
      ],
    } as unknown as Codelab;
    expect(stepsToInput(stepsFromCodelab(c))).toEqual([
      { title: 'A', markdown: 'a', duration_minutes: 1 },
      { title: 'K', markdown: 'k', duration_minutes: 2, hidden: true, environments: ['kiosk'] },
    ]);
  });
});
