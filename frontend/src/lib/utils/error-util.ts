import { isApiError } from '../services/api-client';
import { toasts } from '../stores/toast.svelte';
import { has, locale, t } from '../i18n/i18n.svelte';
import { fieldErrorText } from './notice-util';

/**
 * errorMessage turns any thrown value into a sentence for a person, in the
 * showing language: every server code has errors.<code> in the catalogue.
 * In English a validation error keeps the server's own text, which names the field.
 */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    if (e.code === 'invalid_field') {
      const field = fieldErrorText(e.details);
      if (field) return field;
      if (locale() === 'en' && e.message) return e.message;
    }
    const key = `errors.${e.code}`;
    if (has(key)) return t(key);
    if (e.code === 'bad_response') return t('common.error.badResponse');
    if (/^http_\d+$/.test(e.code)) return t('common.error.httpStatus', { status: e.status });
    return e.message || t('common.error.unknown');
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
  // Before the catalogue is loaded (unit tests) the two parts are joined plainly.
  const text = !context ? msg : has('common.error.withContext') ? t('common.error.withContext', { context, message: msg }) : `${context}: ${msg}`;
  toasts.show(text, 'error');
  return msg;
}
