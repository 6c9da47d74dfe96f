import type { Session } from './session.type';

/** ReportStep is one step's row of GET /api/admin/codelabs/{id}/report. */
export interface ReportStep {
  number: number;
  title: string;
  estimate_minutes: number;
  reached: number;
  passed: number;
  median_seconds: number | null;
  slowest_seconds: number | null;
  stuck: number;
  help_requests: number;
  median_help_wait_seconds: number | null;
}

export interface ReportBucket {
  at: string;
  count: number;
  active?: number;
}

export interface ReportQuestion {
  question_id: string;
  prompt: string;
  step: number | null;
  answered: number;
  correct: number;
  correct_share: number;
}

/** Report is the workshop report of one session (docs/api.md, section Workshop report). */
export interface Report {
  codelab: { id: string; title: string };
  session: Session;
  from: string;
  to: string;
  bucket_minutes: number;
  summary: {
    attendees: number;
    finished_all_steps: number;
    certificates: number;
    chat_messages: number;
    help_requests: number;
    help_resolved: number;
    median_help_wait_seconds: number | null;
    quiz_attempts: number;
    quiz_passed_attendees: number;
  };
  attendance: ReportBucket[];
  chat: ReportBucket[];
  steps: ReportStep[];
  quiz: ReportQuestion[];
  feedback: { count: number; satisfaction_avg: number | null; difficulty_avg: number | null; comments: string[] };
  hardest_step: number | null;
  times_known: boolean;
}

export type ReportFormat = 'json' | 'csv' | 'html' | 'pdf';
export const REPORT_TABLES = ['steps', 'attendance', 'chat', 'quiz', 'feedback'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];
