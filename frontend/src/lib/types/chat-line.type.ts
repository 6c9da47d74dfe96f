/** Line is one message as the chat log shows it (plain text only). */
export interface Line {
  key: string;
  name: string;
  text: string;
  at: string;
  mine: boolean;
  pending: boolean;
  /** note marks a line the facilitator wrote (announcement) or a system line. */
  note?: boolean;
}
