/** RaffleAmong picks who may win: attendees who completed, or everyone connected now. */
export type RaffleAmong = 'completed' | 'present';

/** RaffleInput is the body of `POST /api/admin/codelabs/{id}/raffle`. */
export interface RaffleInput {
  among: RaffleAmong;
  exclude_previous: boolean;
}

/** RaffleDraw is one stored draw. */
export interface RaffleDraw {
  id: string;
  winner: { id: string; name: string };
  at: string;
  among: RaffleAmong;
  exclude_previous?: boolean;
  /** eligible is how many could win this draw. */
  eligible?: number;
}
