/** Step is one page of a codelab; `markdown` only comes in admin responses. */
export interface Step {
  number: number;
  title: string;
  duration_minutes: number;
  html: string;
  markdown?: string;
  /** hidden steps are kept for the facilitator but not sent to attendees (admin only). */
  hidden?: boolean;
  /** environments is claat's per-step “Environment:” list (admin only). */
  environments?: string[];
}

/** Codelab mirrors the Codelab object of docs/api.md. */
export interface Codelab {
  id: string;
  title: string;
  /** feedback_url is claat's "feedback link" (“Report a mistake”), when imported. */
  feedback_url?: string;
  description: string;
  author: string;
  duration_minutes: number;
  tags: string[];
  is_public: boolean;
  has_access_code: boolean;
  access_code?: string;
  /** max_attendees is the registration cap; only in admin responses. */
  max_attendees?: number;
  created_at: string;
  updated_at: string;
  step_count: number;
  /** total_minutes is duration_minutes, or the sum of the steps' minutes when that is 0 (server-computed). */
  total_minutes?: number;
  steps?: Step[];
  /** The workshop-loop settings (docs/api.md, “Codelab settings”). */
  guide_markdown?: string;
  quiz_enabled?: boolean;
  require_quiz?: boolean;
  require_feedback?: boolean;
  require_submission?: boolean;
  submission_max_file_bytes?: number;
  submission_max_total_bytes?: number;
  closed?: boolean;
}

/** LoopSettings are the completion rules and limits a facilitator sets in the codelab details. */
export interface LoopSettings {
  require_quiz: boolean;
  require_feedback: boolean;
  require_submission: boolean;
  submission_max_file_bytes: number;
  submission_max_total_bytes: number;
  closed: boolean;
}

/** CodelabInput is the body of create and (as a partial) update requests. */
export interface CodelabInput {
  title: string;
  description: string;
  author: string;
  duration_minutes: number;
  tags: string[];
  is_public: boolean;
  access_code: string;
  max_attendees?: number;
}

/** StepInput is one element of `PUT /api/admin/codelabs/{id}/steps`. */
export interface StepInput {
  title: string;
  markdown: string;
  duration_minutes: number;
  hidden?: boolean;
  environments?: string[];
}
