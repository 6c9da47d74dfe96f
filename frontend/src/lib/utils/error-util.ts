import { isApiError } from '../services/api-client';
import { toasts } from '../stores/toast.svelte';

/** Human messages for backend error codes whose server message is too technical. */
const messages: Record<string, string> = {
  network_error: 'Cannot reach the server. Check that it is running and that you are on the same network.',
  unauthorized: 'Your admin session is not valid. Open the admin URL printed by the server.',
  admin_loopback_only: 'The facilitator view only works on the computer running the server.',
  not_found: 'That was not found. It may have been deleted or hidden.',
  body_too_large: 'That is too large to send.',
  markdown_too_large: 'A step is too long (at most 200 KB of markdown).',
  too_many_steps: 'A codelab can have at most 200 steps.',
  rate_limited: 'Slow down a little and try again.',
};

/** errorMessage turns any thrown value into a sentence for a person. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    // Validation messages name the field, so they are already the best text.
    if (e.code === 'invalid_field' || !(e.code in messages)) return e.message;
    return messages[e.code];
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/** needsFacilitator tells whether the failure is one only the facilitator can fix (full disk, damaged database). */
export function needsFacilitator(e: unknown): boolean {
  return isApiError(e) && (e.code === 'disk_full' || e.code === 'database_damaged');
}

/** isRetryable tells whether trying the same request again could succeed. */
export function isRetryable(e: unknown): boolean {
  if (!isApiError(e)) return true;
  return e.status === 0 || e.status === 429 || e.status >= 500;
}

/** handleError is the one error funnel: it shows a toast and returns the message. */
export function handleError(e: unknown, context?: string): string {
  const msg = errorMessage(e);
  toasts.show(context ? `${context}: ${msg}` : msg, 'error');
  return msg;
}
