/** poll-service: live polls (facilitator and attendee) and the codelab's prepared polls. */
import { api } from './api-client';
import { withToken } from './attendee-service';
import type { PollAction, PollView, PreparedPoll } from '../types/poll.type';

const enc = encodeURIComponent;
const admin = (id: string) => `/api/admin/codelabs/${enc(id)}`;

export const pollService = {
  /** list is the facilitator's view: every poll of the session with results, and the prepared list. */
  list: (id: string) => api.get<{ polls: PollView[]; prepared: PreparedPoll[] }>(`${admin(id)}/polls`),
  start: (id: string, question: string, options: string[]) => api.post<PollView>(`${admin(id)}/polls`, { question, options }),
  startPrepared: (id: string, preparedId: string) => api.post<PollView>(`${admin(id)}/polls`, { prepared_id: preparedId }),
  act: (id: string, pollId: string, action: PollAction) => api.post<PollView>(`${admin(id)}/polls/${enc(pollId)}/${action}`),
  prepared: async (id: string) => (await api.get<{ polls: PreparedPoll[] }>(`${admin(id)}/prepared-polls`)).polls ?? [],
  savePrepared: async (id: string, polls: PreparedPoll[]) =>
    (await api.put<{ polls: PreparedPoll[] }>(`${admin(id)}/prepared-polls`, { polls })).polls ?? [],

  /** mine is the attendee's view: their answers, and results once shown. */
  mine: async (token: string, id: string) =>
    (await withToken(token).get<{ polls: PollView[] }>(`/api/codelabs/${enc(id)}/polls`)).polls ?? [],
};

/** pollProblem says what is wrong with a poll before it is sent (a message key), or ''. */
export function pollProblem(question: string, options: string[]): '' | 'polls.problem.question' | 'polls.problem.few' | 'polls.problem.many' | 'polls.problem.empty' | 'polls.problem.duplicate' {
  if (question.trim() === '') return 'polls.problem.question';
  if (options.length < 2) return 'polls.problem.few';
  if (options.length > 10) return 'polls.problem.many';
  const seen = new Set<string>();
  for (const o of options) {
    const k = o.trim().toLowerCase();
    if (k === '') return 'polls.problem.empty';
    if (seen.has(k)) return 'polls.problem.duplicate';
    seen.add(k);
  }
  return '';
}
