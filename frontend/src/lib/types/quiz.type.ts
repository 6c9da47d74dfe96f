/** QuestionKind: one choice, several choices, or a short typed answer. */
export type QuestionKind = 'single' | 'multi' | 'text';

/**
 * QuestionInput is one question as the facilitator writes it
 * (`PUT /api/admin/codelabs/{id}/quiz`). `step` null means the final quiz,
 * N a checkpoint at the end of step N.
 */
export interface QuestionInput {
  /** id keeps an existing question's id on save. */
  id?: string;
  prompt: string;
  kind: QuestionKind;
  options: string[];
  /** answers are the indices of the right options (single, multi). */
  answers: number[];
  /** accept lists the accepted short answers (text). */
  accept: string[];
  step: number | null;
}

/** QuizInput is the body of `PUT /api/admin/codelabs/{id}/quiz`. */
export interface QuizInput {
  pass_percent: number;
  retries: boolean;
  questions: QuestionInput[];
}

/** AdminQuiz is the facilitator's view: every question with its id and answers. */
export interface AdminQuiz {
  pass_percent: number;
  retries: boolean;
  questions: (QuestionInput & { id: string })[];
  updated_at?: string;
}

/** Question is what an attendee receives: never the answers. */
export interface Question {
  id: string;
  prompt: string;
  kind: QuestionKind;
  options: string[];
  step: number | null;
}

/** QuestionResult says whether one question was answered right; once revealed, also the right answers. */
export interface QuestionResult {
  question_id: string;
  correct: boolean;
  /** answers: the right option indices (choice kinds), only when `reveal`. */
  answers?: number[];
  /** accept: the accepted texts (text kind), only when `reveal`. */
  accept?: string[];
}

/** AttemptResult is `POST /api/codelabs/{id}/quiz/attempts` → 201 (and each earlier attempt). */
export interface AttemptResult {
  id: string;
  step: number | null;
  score_percent: number;
  passed: boolean;
  at: string;
  results: QuestionResult[];
  /** reveal: the part cannot usefully be attempted again, so the right answers are included. */
  reveal: boolean;
}

/** QuizPart is the attendee's standing in the final quiz (step null) or one step's checkpoint. */
export interface QuizPart {
  step: number | null;
  questions: number;
  attempts: number;
  best_score_percent: number | null;
  passed: boolean;
  can_attempt: boolean;
}

/** AttendeeQuiz is `GET /api/codelabs/{id}/quiz` (attendee token). */
export interface AttendeeQuiz {
  pass_percent: number;
  retries: boolean;
  questions: Question[];
  parts: QuizPart[];
  /** attempts are this attendee's, oldest first. */
  attempts: AttemptResult[];
}

/** Answer is one answer of an attempt: choices for single/multi, text for text. */
export type Answer = { question_id: string; choices: number[] } | { question_id: string; text: string };

/** QuizStats is `GET /api/admin/codelabs/{id}/quiz/stats`. */
export interface QuizStats {
  questions: { question_id: string; prompt: string; step: number | null; answered: number; correct: number; correct_share: number }[];
  attendees: { attendee: { id: string; name: string }; attempts: number; best_score_percent: number | null; quiz_passed: boolean }[];
}
