import type { AdminQuiz, QuestionKind, QuizInput } from '../../lib/types/quiz.type';
import { t } from '../../lib/i18n/i18n.svelte';

/** QuestionDraft is one question as edited; `key` keeps list items stable. */
export interface QuestionDraft {
  key: number;
  id?: string;
  prompt: string;
  kind: QuestionKind;
  options: string[];
  answers: number[];
  /** accept is one accepted answer per line. */
  accept: string;
  /** step is '' for the final quiz, else the step number as text (a select's value). */
  step: string;
}

/** QuizDraft is the quiz editor's state. */
export interface QuizDraft {
  pass_percent: number | null;
  retries: boolean;
  questions: QuestionDraft[];
}

let nextKey = 1;

export function newQuestion(kind: QuestionKind = 'single', step = ''): QuestionDraft {
  return { key: nextKey++, prompt: '', kind, options: kind === 'text' ? [] : ['', ''], answers: [], accept: '', step };
}

export function quizFromServer(q: AdminQuiz | null): QuizDraft {
  return {
    pass_percent: q?.pass_percent ?? 80,
    retries: q?.retries ?? true,
    questions: (q?.questions ?? []).map((x) => ({
      key: nextKey++,
      id: x.id,
      prompt: x.prompt,
      kind: x.kind,
      options: x.kind === 'text' ? [] : [...(x.options ?? [])],
      answers: [...(x.answers ?? [])],
      accept: (x.accept ?? []).join('\n'),
      step: x.step == null ? '' : String(x.step),
    })),
  };
}

/** quizToInput turns the draft into the PUT body (trimmed, ids kept). */
export function quizToInput(d: QuizDraft): QuizInput {
  const pass = Math.round(Number(d.pass_percent));
  return {
    pass_percent: Number.isFinite(pass) ? Math.min(Math.max(pass, 0), 100) : 80,
    retries: d.retries,
    questions: d.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      prompt: q.prompt.trim(),
      kind: q.kind,
      options: q.kind === 'text' ? [] : q.options.map((o) => o.trim()),
      answers: q.kind === 'text' ? [] : [...q.answers].sort((a, b) => a - b),
      accept: q.kind === 'text' ? q.accept.split('\n').map((a) => a.trim()).filter(Boolean) : [],
      step: q.step === '' ? null : Number(q.step),
    })),
  };
}

/**
 * questionProblem says why the server would refuse a question, or '' —
 * so the editor waits (and says why) instead of sending a save that fails.
 */
export function questionProblem(q: QuestionDraft): string {
  if (!q.prompt.trim()) return t('adminLoop.problem.prompt');
  if (q.kind === 'text') {
    return q.accept.split('\n').some((a) => a.trim()) ? '' : t('adminLoop.problem.accept');
  }
  if (q.options.length < 2) return t('adminLoop.problem.twoOptions');
  if (q.options.some((o) => !o.trim())) return t('adminLoop.problem.emptyOption');
  if (q.answers.length === 0) return t('adminLoop.problem.noAnswer');
  if (q.kind === 'single' && q.answers.length !== 1) return t('adminLoop.problem.single');
  return '';
}

/** setKind switches a question's kind, keeping what still makes sense. */
export function setKind(q: QuestionDraft, kind: QuestionKind): void {
  q.kind = kind;
  if (kind !== 'text' && q.options.length < 2) q.options = [...q.options, '', ''].slice(0, Math.max(2, q.options.length));
  if (kind === 'single' && q.answers.length > 1) q.answers = q.answers.slice(0, 1);
}

/** removeOption drops option i and renumbers the right answers after it. */
export function removeOption(q: QuestionDraft, i: number): void {
  q.options.splice(i, 1);
  q.answers = q.answers.filter((a) => a !== i).map((a) => (a > i ? a - 1 : a));
}

/** toggleAnswer marks option i right (single: the only one; multi: toggles). */
export function toggleAnswer(q: QuestionDraft, i: number): void {
  if (q.kind === 'single') q.answers = [i];
  else q.answers = q.answers.includes(i) ? q.answers.filter((a) => a !== i) : [...q.answers, i].sort((a, b) => a - b);
}
