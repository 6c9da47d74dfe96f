/**
 * quiz-service is the quiz REST API (docs/api.md, "Workshop loop"): the
 * facilitator writes the quiz, an attendee fetches it without answers and
 * posts attempts that the server grades.
 */
import { api } from './api-client';
import { withToken } from './attendee-service';
import type { AdminQuiz, Answer, AttemptResult, AttendeeQuiz, Question, QuizInput, QuizPart, QuizStats } from '../types/quiz.type';

const enc = encodeURIComponent;
export const quizPaths = {
  admin: (id: string) => `/api/admin/codelabs/${enc(id)}/quiz`,
  stats: (id: string) => `/api/admin/codelabs/${enc(id)}/quiz/stats`,
  attendee: (id: string) => `/api/codelabs/${enc(id)}/quiz`,
  attempts: (id: string) => `/api/codelabs/${enc(id)}/quiz/attempts`,
};

export const quizService = {
  get: (id: string) => api.get<AdminQuiz>(quizPaths.admin(id)),
  put: (id: string, quiz: QuizInput) => api.put<AdminQuiz>(quizPaths.admin(id), quiz),
  stats: (id: string) => api.get<QuizStats>(quizPaths.stats(id)),
  forAttendee: (token: string, id: string) => withToken(token).get<AttendeeQuiz>(quizPaths.attendee(id)),
  /** attempt sends answers; `step` names a checkpoint (null: the final quiz). */
  attempt: (token: string, id: string, answers: Answer[], step: number | null = null) =>
    withToken(token).post<AttemptResult>(quizPaths.attempts(id), { step, answers }),
};

/** partFor finds the attendee's standing in the final quiz (null) or a step's checkpoint. */
export function partFor(quiz: AttendeeQuiz | null, step: number | null): QuizPart | undefined {
  return quiz?.parts?.find((p) => (p.step ?? null) === step);
}

/** lastAttempt is the attendee's latest attempt at a part. */
export function lastAttempt(quiz: AttendeeQuiz | null, step: number | null): AttemptResult | undefined {
  const xs = (quiz?.attempts ?? []).filter((a) => (a.step ?? null) === step);
  return xs[xs.length - 1];
}

/** Picks are what the attendee chose so far: option indices, or typed text, per question id. */
export type Picks = Record<string, number[] | string>;

/** questionsFor selects the final quiz (step null) or one step's checkpoint. */
export function questionsFor(questions: Question[], step: number | null): Question[] {
  return questions.filter((q) => (q.step ?? null) === step);
}

/** toAnswers turns picks into the attempt body, one answer per question, in order. */
export function toAnswers(questions: Question[], picks: Picks): Answer[] {
  return questions.map((q) => {
    const p = picks[q.id];
    if (q.kind === 'text') return { question_id: q.id, text: typeof p === 'string' ? p : '' };
    return { question_id: q.id, choices: Array.isArray(p) ? [...p].sort((a, b) => a - b) : [] };
  });
}

/** unanswered counts the questions with no choice or an empty text. */
export function unanswered(questions: Question[], picks: Picks): number {
  return questions.filter((q) => {
    const p = picks[q.id];
    return q.kind === 'text' ? typeof p !== 'string' || p.trim() === '' : !Array.isArray(p) || p.length === 0;
  }).length;
}

/** togglePick applies a click on option i: single replaces, multi toggles. */
export function togglePick(q: Question, current: number[] | string | undefined, i: number): number[] {
  const now = Array.isArray(current) ? current : [];
  if (q.kind === 'single') return [i];
  return now.includes(i) ? now.filter((x) => x !== i) : [...now, i].sort((a, b) => a - b);
}
