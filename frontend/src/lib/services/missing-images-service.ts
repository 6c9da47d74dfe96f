import { api } from './api-client';
import { contentService, formWith } from './content-service';
import type { FixedImage, MissingImage } from '../types/content.type';

export type { FixedImage, MissingImage } from '../types/content.type';

/** missingImagesPath is the endpoint; `ref` in the query serves the desktop's native picker. */
export function missingImagesPath(id: string, ref = ''): string {
  const base = `/api/admin/codelabs/${encodeURIComponent(id)}/missing-images`;
  return ref ? `${base}?ref=${encodeURIComponent(ref)}` : base;
}

export const missingImagesService = {
  list: (id: string) => api.get<{ missing: MissingImage[] }>(missingImagesPath(id)).then((r) => r.missing),
  fix: (id: string, ref: string, file: File) =>
    contentService.postForm<FixedImage>(missingImagesPath(id), formWith(file, file.name, { ref })),
};

/** whereUsed says where a reference appears, e.g. "steps 1 and 3, the guide". */
export function whereUsed(m: MissingImage): string {
  const parts: string[] = [];
  if (m.steps.length === 1) parts.push(`step ${m.steps[0]}`);
  else if (m.steps.length > 1) parts.push(`steps ${m.steps.slice(0, -1).join(', ')} and ${m.steps[m.steps.length - 1]}`);
  if (m.in_guide) parts.push('the preparation guide');
  return parts.join(', ');
}
