import { api } from './api-client';
import { t } from '../i18n/i18n.svelte';
import { formatList, formatNumber } from '../i18n/format';
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

/** whereUsed says where a reference appears, in the showing language, e.g. "steps 1 and 3 and the preparation guide". */
export function whereUsed(m: MissingImage): string {
  const parts: string[] = [];
  if (m.steps.length > 0) {
    parts.push(t('adminNotices.where.steps', { count: m.steps.length, list: formatList(m.steps.map((n) => formatNumber(n))) }));
  }
  if (m.in_guide) parts.push(t('adminNotices.where.guide'));
  return formatList(parts);
}
