/** FEEDBACK_COMMENT_MAX is the longest comment the server accepts (characters). */
export const FEEDBACK_COMMENT_MAX = 2000;

/** FeedbackInput is the body of `PUT /api/codelabs/{id}/feedback`. */
export interface FeedbackInput {
  /** satisfaction: 1 (poor) … 5 (great). */
  satisfaction: number;
  /** difficulty: 1 (too easy), 3 (just right), 5 (too hard). */
  difficulty: number;
  comment: string;
}

/** Feedback is one attendee's stored feedback. */
export interface Feedback extends FeedbackInput {
  created_at: string;
  updated_at: string;
}

/** FeedbackSummary is `GET /api/admin/codelabs/{id}/feedback[?names=1]`. */
export interface FeedbackSummary {
  count: number;
  averages: { satisfaction: number | null; difficulty: number | null };
  /** distribution[k][i] counts the answers of value i+1. */
  distribution: { satisfaction: number[]; difficulty: number[] };
  /** comments are the non-empty ones, newest first; `attendee` only when names were asked for. */
  comments: { comment: string; satisfaction: number; difficulty: number; at: string; attendee?: { id: string; name: string } }[];
}
