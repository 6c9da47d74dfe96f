import type { Codelab, CodelabInput, StepInput } from '../lib/types/codelab.type';
import { t } from '../lib/i18n/i18n.svelte';

/** MetaDraft is the metadata form as typed (tags as one comma-separated string). */
export interface MetaDraft {
  title: string;
  description: string;
  author: string;
  duration_minutes: number | null;
  tags: string;
  is_public: boolean;
  access_code: string;
  max_attendees: number | null;
  /** language is the default language for attendees: '' (their browser's) or a shipped locale. */
  language: string;
}

/** DEFAULT_MAX_ATTENDEES and MAX_MAX_ATTENDEES mirror the server's registration cap rules (docs/api.md). */
export const DEFAULT_MAX_ATTENDEES = 2000;
export const MAX_MAX_ATTENDEES = 100_000;

/** StepDraft is one step being edited; `key` keeps list items stable across moves. */
export interface StepDraft {
  key: number;
  title: string;
  markdown: string;
  duration_minutes: number | null;
  /** hidden and environments come from a claat import (environment choice). */
  hidden?: boolean;
  environments?: string[];
}

let nextKey = 1;

/** newStepDraft makes a step with a title, since the server rejects untitled steps. */
export function newStepDraft(n: number): StepDraft {
  return { key: nextKey++, title: t('adminEditor.newStepTitle', { number: n }), markdown: '', duration_minutes: 5 };
}

export function metaFromCodelab(c: Codelab): MetaDraft {
  return {
    title: c.title,
    description: c.description ?? '',
    author: c.author ?? '',
    duration_minutes: c.duration_minutes ?? 0,
    tags: (c.tags ?? []).join(', '),
    is_public: c.is_public,
    access_code: c.access_code ?? '',
    max_attendees: c.max_attendees ?? DEFAULT_MAX_ATTENDEES,
    language: c.language ?? '',
  };
}

export function stepsFromCodelab(c: Codelab): StepDraft[] {
  return (c.steps ?? []).map((s) => ({
    key: nextKey++,
    title: s.title,
    markdown: s.markdown ?? '',
    duration_minutes: s.duration_minutes,
    ...(s.hidden ? { hidden: true } : {}),
    ...(s.environments?.length ? { environments: s.environments } : {}),
  }));
}

/** attendeeCap turns the typed cap into one the server accepts: empty or below 1 means the default. */
function attendeeCap(n: number | null): number {
  const v = Math.round(Number(n));
  if (n === null || !Number.isFinite(v) || v < 1) return DEFAULT_MAX_ATTENDEES;
  return Math.min(v, MAX_MAX_ATTENDEES);
}

function wholeMinutes(n: number | null): number {
  const v = Math.round(Number(n));
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** parseTags splits "go, beginner ,," into ["go","beginner"], dropping duplicates. */
export function parseTags(s: string): string[] {
  return [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))];
}

export function metaToInput(m: MetaDraft): CodelabInput {
  return {
    title: m.title.trim(),
    description: m.description,
    author: m.author.trim(),
    duration_minutes: wholeMinutes(m.duration_minutes),
    tags: parseTags(m.tags),
    is_public: m.is_public,
    access_code: m.access_code.trim(),
    max_attendees: attendeeCap(m.max_attendees),
    language: m.language ?? '',
  };
}

export function stepsToInput(steps: StepDraft[]): StepInput[] {
  return steps.map((s) => ({
    title: s.title.trim(),
    markdown: s.markdown,
    duration_minutes: wholeMinutes(s.duration_minutes),
    ...(s.hidden ? { hidden: true } : {}),
    ...(s.environments?.length ? { environments: s.environments } : {}),
  }));
}
