import type { Person } from './live.type';

/** Poll bounds, as the server checks them (docs/api.md, section Live polls). */
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;
export const POLL_QUESTION_MAX = 300;
export const POLL_OPTION_MAX = 120;

export interface PollResults {
  /** counts has one number per option, computed by the server. */
  counts: number[];
  /** total is how many attendees answered. */
  total: number;
}

export interface Poll {
  id: string;
  codelab_id: string;
  prepared_id?: string;
  question: string;
  options: string[];
  status: 'open' | 'closed';
  results_shown: boolean;
  started_at: string;
  closed_at?: string;
}

/** PollView is a poll as one reader sees it: results always for the facilitator, for attendees only while shown. */
export interface PollView extends Poll {
  results?: PollResults;
  /** my_answer is the attendee's own option (0-based), if they answered. */
  my_answer?: number;
}

/** PreparedPoll is one of a codelab's prepared polls (editor list, started with one click). */
export interface PreparedPoll {
  id?: string;
  position?: number;
  question: string;
  options: string[];
  /** step is the step the poll belongs to (0: none); claat export writes it at the end of that step. */
  step: number;
}

export type PollAction = 'close' | 'reopen' | 'show-results' | 'hide-results';

/** PollEvent goes to everyone; results only while the facilitator shows them. */
export interface PollEvent {
  type: 'poll';
  seq: number;
  action: 'started' | 'closed' | 'reopened' | 'results_shown' | 'results_hidden';
  poll: Poll;
  results?: PollResults;
  at: string;
}

/** PollAnswerEvent goes to the attendee who answered (all devices) and the facilitator. */
export interface PollAnswerEvent {
  type: 'poll_answer';
  seq: number;
  poll_id: string;
  attendee: Person;
  option: number;
  previous: number | null;
  at: string;
}

/** PollResultsFrame is ephemeral (no seq): the server's counts after a change. */
export interface PollResultsFrame {
  type: 'poll_results';
  poll_id: string;
  results: PollResults;
}

export type PollFrame = PollEvent | PollAnswerEvent | PollResultsFrame;
