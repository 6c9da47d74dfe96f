/**
 * LoopBoard is the dashboard's view of the workshop loop for one codelab:
 * quiz statistics, feedback, submissions, completions and raffle draws. It
 * loads each from the server and refetches the one a live frame touched
 * (docs/realtime.md, "Workshop loop frames"), a burst of frames at once.
 */
import { quizService } from '../../lib/services/quiz-service';
import { feedbackService } from '../../lib/services/feedback-service';
import { submissionService } from '../../lib/services/submission-service';
import { certificateService } from '../../lib/services/certificate-service';
import { raffleService } from '../../lib/services/raffle-service';
import { errorMessage } from '../../lib/utils/error-util';
import type { QuizStats } from '../../lib/types/quiz.type';
import type { FeedbackSummary } from '../../lib/types/feedback.type';
import type { AttendeeSubmissions } from '../../lib/types/submission.type';
import type { LoopRow } from '../../lib/types/certificate.type';
import type { RaffleDraw, RaffleInput } from '../../lib/types/raffle.type';
import type { ServerFrame } from '../../lib/types/live.type';

type Part = 'stats' | 'feedback' | 'submissions' | 'rows' | 'draws';

export class LoopBoard {
  stats = $state<QuizStats | null>(null);
  feedback = $state<FeedbackSummary | null>(null);
  /** names: the facilitator asked to see who wrote each comment. */
  names = $state(false);
  submissions = $state<AttendeeSubmissions[]>([]);
  rows = $state<LoopRow[]>([]);
  draws = $state<RaffleDraw[]>([]);
  /** error is the last load failure, for a quiet line on the dashboard. */
  error = $state('');

  private readonly id: string;
  private readonly pending = new Set<Part>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(codelabId: string) {
    this.id = codelabId;
  }

  get completedIds(): string[] {
    return this.rows.filter((r) => r.completed_at).map((r) => r.attendee.id);
  }

  load = (): Promise<void> => this.refresh(['stats', 'feedback', 'submissions', 'rows', 'draws']);

  setNames = (on: boolean): Promise<void> => {
    this.names = on;
    return this.refresh(['feedback']);
  };

  draw = async (input: RaffleInput): Promise<RaffleDraw> => {
    const d = await raffleService.draw(this.id, input);
    if (!this.draws.some((x) => x.id === d.id)) this.draws.push(d);
    return d;
  };

  /** apply refetches what a frame changed; replayed history is covered by the first load. */
  apply = (f: ServerFrame, live: boolean): void => {
    if (!live) return;
    switch (f.type) {
      case 'quiz_submitted':
        return this.soon('stats', 'rows');
      case 'feedback':
        return this.soon('feedback', 'rows');
      case 'submission':
        return this.soon('submissions', 'rows');
      case 'completed':
        return this.soon('rows');
      case 'raffle':
        return this.soon('draws');
      case 'presence':
      case 'progress':
        // Someone new joined: give them a row.
        if (!this.rows.some((r) => r.attendee.id === f.attendee.id)) this.soon('rows');
        return;
      case 'codelab_updated':
        return this.soon('stats');
      case 'ready':
        // (re)connected: anything may have happened while away
        return this.soon('stats', 'feedback', 'submissions', 'rows', 'draws');
    }
  };

  dispose = (): void => clearTimeout(this.timer);

  private soon(...parts: Part[]): void {
    for (const p of parts) this.pending.add(p);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const run = [...this.pending];
      this.pending.clear();
      void this.refresh(run);
    }, 120);
  }

  private async refresh(parts: Part[]): Promise<void> {
    const jobs: Record<Part, () => Promise<void>> = {
      stats: async () => void (this.stats = await quizService.stats(this.id)),
      feedback: async () => void (this.feedback = await feedbackService.summary(this.id, this.names)),
      submissions: async () => void (this.submissions = await submissionService.all(this.id)),
      rows: async () => void (this.rows = await certificateService.loop(this.id)),
      draws: async () => void (this.draws = await raffleService.history(this.id)),
    };
    const results = await Promise.allSettled(parts.map((p) => jobs[p]()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    this.error = failed ? errorMessage(failed.reason) : '';
  }
}
