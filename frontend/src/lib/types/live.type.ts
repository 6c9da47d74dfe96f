/** Person is `{id, name}` in realtime frames; the facilitator is `{id:"admin", name:“Facilitator”}`. */
export interface Person {
  id: string;
  name: string;
}

/** Attendee mirrors the attendee object of docs/api.md (“Live workshop”). */
export interface Attendee {
  id: string;
  codelab_id: string;
  name: string;
  current_step: number;
  completed_steps: number[];
  step_started_at: string;
  created_at: string;
  online: boolean;
  continue_code?: string;
}

/** Registration is the answer of registering or continuing on another device. */
export interface Registration {
  attendee: Attendee;
  token: string;
  continue_code: string;
}

/** HelpRequest is one open request in the help queue. */
export interface HelpRequest {
  id: string;
  attendee: Person;
  step: number;
  created_at: string;
  position: number;
}

/** ConnectionState is what the UI shows as the live indicator. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

/** ChatEvent is a room message; DmEvent a private one; both are plain text. */
export interface ChatEvent {
  type: 'chat';
  seq: number;
  text: string;
  from: Person;
  at: string;
}
export interface DmEvent {
  type: 'dm';
  seq: number;
  text: string;
  from: Person;
  to: Person;
  at: string;
}
export interface AnnouncementEvent {
  type: 'announcement';
  seq: number;
  text: string;
  from: Person;
  at: string;
}
export interface ProgressEvent {
  type: 'progress';
  seq: number;
  attendee: Person;
  current_step: number;
  completed_steps: number[];
  step_started_at: string;
  at: string;
}
export interface HelpEvent {
  type: 'help';
  seq: number;
  request: HelpRequest;
  at: string;
}
export interface HelpResolvedEvent {
  type: 'help_resolved';
  seq: number;
  request_id: string;
  attendee: Person;
  by: Person;
  at: string;
}

/** Workshop-loop events (docs/realtime.md, “Workshop loop frames”): to the attendee concerned and the facilitator. */
export interface QuizSubmittedEvent {
  type: 'quiz_submitted';
  seq: number;
  attendee: Person;
  attempt_id: string;
  step: number | null;
  score_percent: number;
  passed: boolean;
  results: { question_id: string; correct: boolean }[];
  at: string;
}
export interface FeedbackEvent {
  type: 'feedback';
  seq: number;
  attendee: Person;
  satisfaction: number;
  difficulty: number;
  has_comment: boolean;
  updated: boolean;
  at: string;
}
export interface SubmissionEvent {
  type: 'submission';
  seq: number;
  attendee: Person;
  action: 'added' | 'deleted';
  submission: { id: string; kind?: 'file' | 'link'; title?: string; url?: string; original_name?: string; content_type?: string; size?: number; created_at?: string };
  at: string;
}
export interface CompletedEvent {
  type: 'completed';
  seq: number;
  attendee: Person;
  certificate_id: string;
  completed_at: string;
  at: string;
}
/** RaffleEvent goes to everyone in the codelab: the projector and the winner's screen. */
export interface RaffleEvent {
  type: 'raffle';
  seq: number;
  draw_id: string;
  winner: Person;
  among: 'completed' | 'present';
  at: string;
}
export type LoopEvent = QuizSubmittedEvent | FeedbackEvent | SubmissionEvent | CompletedEvent | RaffleEvent;

/** ServerFrame is any frame the server sends (docs/realtime.md, “Server → client”). */
export type ServerFrame =
  | ChatEvent
  | DmEvent
  | AnnouncementEvent
  | ProgressEvent
  | HelpEvent
  | HelpResolvedEvent
  | LoopEvent
  | { type: 'codelab_updated'; seq: number; codelab_id: string; at: string }
  | { type: 'attendee_removed'; seq: number; attendee: Person; chat: 'keep' | 'delete'; at: string }
  | { type: 'session_started'; seq: number; session: { id: string; title: string; started_at: string }; at: string }
  | { type: 'codelab_closed'; codelab_id: string; reason: 'hidden' | 'deleted' }
  | { type: 'presence'; attendee: Person; online: boolean }
  | { type: 'help_position'; request_id: string; position: number }
  | { type: 'ready'; seq: number; you: Person; online: string[] }
  | { type: 'ack'; cid: string; seq: number }
  | { type: 'error'; code: string; message: string; cid?: string }
  | { type: 'pong'; cid?: string };

/** OutgoingFrame is a client message without its cid (the socket adds one). */
export type OutgoingFrame =
  | { type: 'chat'; text: string }
  | { type: 'dm'; to: string; text: string }
  | { type: 'announcement'; text: string }
  | { type: 'progress'; step: number; completed?: number[] }
  | { type: 'help'; step?: number }
  | { type: 'help_resolve'; request_id?: string };

/** Pending is an outgoing message kept in the outbox until the server acks its cid. */
export type Pending = OutgoingFrame & { cid: string };
