import { describe, expect, it } from 'vitest';
import { missingImagesPath, whereUsed } from './missing-images-service';

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
