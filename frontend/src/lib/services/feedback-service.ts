/** feedback-service: an attendee's one feedback per codelab, and the facilitator's summary. */
import { api } from './api-client';
import { withToken } from './attendee-service';
import { FEEDBACK_COMMENT_MAX, type Feedback, type FeedbackInput, type FeedbackSummary } from '../types/feedback.type';
import { t } from '../i18n/i18n.svelte';

const enc = encodeURIComponent;
export const feedbackPaths = {
  mine: (id: string) => `/api/codelabs/${enc(id)}/feedback`,
  admin: (id: string) => `/api/admin/codelabs/${enc(id)}/feedback`,
};

export const feedbackService = {
  /** mine is the attendee's stored feedback, or null before the first one. */
  mine: async (token: string, id: string): Promise<Feedback | null> =>
    (await withToken(token).get<{ feedback: Feedback | null }>(feedbackPaths.mine(id))).feedback ?? null,
  put: (token: string, id: string, input: FeedbackInput) => withToken(token).put<Feedback>(feedbackPaths.mine(id), input),
  /** summary is the dashboard's view; names=true also returns who wrote each comment. */
  summary: (id: string, names = false) =>
    api.get<FeedbackSummary>(`${feedbackPaths.admin(id)}${names ? '?names=1' : ''}`),
};

/** feedbackProblem says what is wrong with a form before it is sent, or ''. */
export function feedbackProblem(f: FeedbackInput): string {
  if (!inScale(f.satisfaction)) return t('common.feedback.needSatisfaction');
  if (!inScale(f.difficulty)) return t('common.feedback.needDifficulty');
  if (commentLength(f.comment) > FEEDBACK_COMMENT_MAX) return t('common.feedback.commentTooLong', { max: FEEDBACK_COMMENT_MAX });
  return '';
}

/** commentLength counts characters as the server does (code points, after trimming). */
export function commentLength(s: string): number {
  return [...s.trim()].length;
}

function inScale(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

