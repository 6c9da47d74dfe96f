/**
 * WorkshopLoop is an attendee's standing in the workshop loop of one codelab:
 * the quiz (without answers), their feedback, their submissions and what the
 * server still requires before it issues a certificate. The server decides
 * everything; this only loads, sends and follows the attendee's own frames.
 */
import { quizService, toAnswers, type Picks } from '../../lib/services/quiz-service';
import { feedbackService } from '../../lib/services/feedback-service';
import { submissionService } from '../../lib/services/submission-service';
import { certificateService } from '../../lib/services/certificate-service';
import type { UploadProgress } from '../../lib/services/api-client';
import type { AttemptResult, AttendeeQuiz, Question } from '../../lib/types/quiz.type';
import type { Feedback, FeedbackInput } from '../../lib/types/feedback.type';
import type { Submission } from '../../lib/types/submission.type';
import type { Requirement, Requirements } from '../../lib/types/certificate.type';
import type { ServerFrame } from '../../lib/types/live.type';

export class WorkshopLoop {
  token = $state('');
  me = $state('');
  quiz = $state<AttendeeQuiz | null>(null);
  feedback = $state<Feedback | null>(null);
  submissions = $state<Submission[]>([]);
  requirements = $state<Requirements | null>(null);
  /** certificateId is set once the server completed the attendee. */
  certificateId = $state('');
  /** completedSteps and currentStep follow the attendee's own progress frames. */
  completedSteps = $state<number[]>([]);
  currentStep = $state(0);

  readonly codelabId: string;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Set<() => Promise<unknown>>();

  constructor(codelabId: string) {
    this.codelabId = codelabId;
  }

  get ready(): boolean {
    return this.token !== '';
  }

  get completed(): boolean {
    return this.certificateId !== '';
  }

  /** missing lists the rules not met yet, as the server last said. */
  get missing(): Requirement[] {
    return this.requirements?.missing ?? [];
  }

  /** questions of the final quiz (step null) or of one step's checkpoint. */
  questions(step: number | null): Question[] {
    return (this.quiz?.questions ?? []).filter((q) => (q.step ?? null) === step);
  }

  /** start loads everything for this attendee. */
  start = async (token: string, me: string): Promise<void> => {
    this.token = token;
    this.me = me;
    await Promise.all([this.loadQuiz(), this.loadFeedback(), this.loadSubmissions(), this.loadRequirements()]);
  };

  stop = (): void => {
    clearTimeout(this.refreshTimer);
    this.token = '';
  };

  loadQuiz = async (): Promise<void> => {
    try {
      this.quiz = await quizService.forAttendee(this.token, this.codelabId);
    } catch {
      this.quiz = null; // no quiz (or not reachable): the parts stay hidden
    }
  };

  loadFeedback = async (): Promise<void> => {
    this.feedback = await feedbackService.mine(this.token, this.codelabId).catch(() => this.feedback);
  };

  loadSubmissions = async (): Promise<void> => {
    this.submissions = await submissionService.mine(this.token, this.codelabId).catch(() => this.submissions);
  };

  loadRequirements = async (): Promise<void> => {
    try {
      const r = await certificateService.requirements(this.token);
      this.requirements = r;
      if (r.certificate_id) this.certificateId = r.certificate_id;
    } catch {
      // keep what we had; the Finish button asks the server again anyway
    }
  };

  /** attempt sends one part's answers; the server grades and says which were right. */
  attempt = async (step: number | null, picks: Picks): Promise<AttemptResult> => {
    const res = await quizService.attempt(this.token, this.codelabId, toAnswers(this.questions(step), picks), step);
    await Promise.all([this.loadQuiz(), this.loadRequirements()]);
    return res;
  };

  saveFeedback = async (input: FeedbackInput): Promise<void> => {
    this.feedback = await feedbackService.put(this.token, this.codelabId, input);
    await this.loadRequirements();
  };

  addFile = async (file: File, onProgress?: UploadProgress): Promise<void> => {
    const s = await submissionService.addFile(this.token, this.codelabId, file, onProgress);
    if (!this.submissions.some((x) => x.id === s.id)) this.submissions.push(s);
    await this.loadRequirements();
  };

  addLink = async (url: string, title: string): Promise<void> => {
    const s = await submissionService.addLink(this.token, this.codelabId, url.trim(), title.trim());
    if (!this.submissions.some((x) => x.id === s.id)) this.submissions.push(s);
    await this.loadRequirements();
  };

  remove = async (sid: string): Promise<void> => {
    await submissionService.remove(this.token, this.codelabId, sid);
    this.submissions = this.submissions.filter((s) => s.id !== sid);
    await this.loadRequirements();
  };

  download = (s: Submission): Promise<void> => submissionService.download(this.token, this.codelabId, s);

  /** finish asks the server to complete; it returns the certificate id or the rules still missing. */
  finish = async (): Promise<{ certificateId: string } | { missing: Requirement[]; message: string }> => {
    const out = await certificateService.complete(this.token);
    if (out.ok) {
      this.certificateId = out.certificate.id;
      await this.loadRequirements();
      return { certificateId: out.certificate.id };
    }
    if (this.requirements) this.requirements = { ...this.requirements, missing: out.missing };
    return { missing: out.missing, message: out.message };
  };

  /** apply follows this attendee's frames (from any of their devices). */
  apply = (f: ServerFrame): void => {
    if (!this.ready) return;
    // The facilitator edited the quiz or the rules: questions and requirements may have changed.
    if (f.type === 'codelab_updated') return this.soon(this.loadQuiz, this.loadRequirements);
    if (!('attendee' in f) || f.attendee.id !== this.me) return;
    switch (f.type) {
      case 'progress':
        this.currentStep = f.current_step;
        this.completedSteps = f.completed_steps ?? [];
        this.soon(this.loadRequirements);
        return;
      case 'quiz_submitted':
        this.soon(this.loadQuiz, this.loadRequirements);
        return;
      case 'feedback':
        this.soon(this.loadFeedback, this.loadRequirements);
        return;
      case 'submission':
        this.soon(this.loadSubmissions, this.loadRequirements);
        return;
      case 'completed':
        this.certificateId = f.certificate_id;
        this.soon(this.loadRequirements);
        return;
    }
  };

  /** soon coalesces the refetches a burst of frames (e.g. a replay) would cause. */
  private soon(...fns: (() => Promise<unknown>)[]): void {
    for (const f of fns) this.pending.add(f);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      const run = [...this.pending];
      this.pending.clear();
      for (const f of run) void f();
    }, 150);
  }
}

/** firstMissingStep is the first step neither completed nor current (0 when none). */
export function firstMissingStep(count: number, completed: number[], current: number): number {
  for (let n = 1; n <= count; n++) if (n !== current && !completed.includes(n)) return n;
  return 0;
}
