/**
 * draft-keeper keeps the editor's edits safe while the server cannot take
 * them: it names what blocks a save (draftProblem) and keeps a copy of the
 * unsaved draft in localStorage, one per codelab, so a reload or a crashed
 * window loses nothing. The copy is dropped once the server has everything.
 */
import { safeLocalStorage, type StorageLike } from '../lib/utils/storage';
import type { MetaDraft, StepDraft } from './editor-draft';
import { t } from '../lib/i18n/i18n.svelte';

/** MAX_STEP_MARKDOWN mirrors the server's per-step limit (200 KB). */
export const MAX_STEP_MARKDOWN = 200 << 10;

/** utf8Size counts bytes only when the text could be near the limit (each keystroke calls it). */
function utf8Size(s: string): number {
  return s.length * 3 <= MAX_STEP_MARKDOWN ? s.length : new TextEncoder().encode(s).length;
}

/** draftProblem names the first thing the server would refuse, or ''. */
export function draftProblem(meta: Pick<MetaDraft, 'title'>, steps: Pick<StepDraft, 'title' | 'markdown'>[]): string {
  if (!meta.title.trim()) return t('adminEditor.problem.noTitle');
  for (let i = 0; i < steps.length; i++) {
    if (!steps[i].title.trim()) return t('adminEditor.problem.stepNoTitle', { number: i + 1 });
    if (utf8Size(steps[i].markdown) > MAX_STEP_MARKDOWN) return t('adminEditor.problem.stepTooBig', { number: i + 1 });
  }
  return '';
}

/** KeptDraft is what is stored: the whole editable codelab and when it was kept. */
export interface KeptDraft {
  meta: MetaDraft;
  steps: Omit<StepDraft, 'key'>[];
  kept_at: string;
}

/** draftKey is the storage key of a codelab's unsaved draft. */
export const draftKey = (codelabId: string) => `ocl.editorDraft.${codelabId}`;

/** keepDraft stores the unsaved draft; false when storage is blocked or full. */
export function keepDraft(
  codelabId: string,
  meta: MetaDraft,
  steps: StepDraft[],
  storage: StorageLike | null = safeLocalStorage(),
  now: Date = new Date(),
): boolean {
  const d: KeptDraft = {
    meta: { ...meta },
    steps: steps.map(({ title, markdown, duration_minutes }) => ({ title, markdown, duration_minutes })),
    kept_at: now.toISOString(),
  };
  try {
    storage?.setItem(draftKey(codelabId), JSON.stringify(d));
    return storage !== null;
  } catch {
    return false;
  }
}

/** readDraft returns the kept draft of a codelab, or null (none, or unreadable). */
export function readDraft(codelabId: string, storage: StorageLike | null = safeLocalStorage()): KeptDraft | null {
  try {
    const v = JSON.parse(storage?.getItem(draftKey(codelabId)) ?? 'null') as KeptDraft | null;
    if (!v || typeof v !== 'object' || !v.meta || typeof v.meta.title !== 'string' || !Array.isArray(v.steps)) return null;
    const stepsOk = v.steps.every((s) => s && typeof s.title === 'string' && typeof s.markdown === 'string');
    return stepsOk ? v : null;
  } catch {
    return null;
  }
}

/** dropDraft forgets the kept draft (it is saved, or the facilitator discarded it). */
export function dropDraft(codelabId: string, storage: StorageLike | null = safeLocalStorage()): void {
  try {
    storage?.removeItem(draftKey(codelabId));
  } catch {
    // nothing kept
  }
}
