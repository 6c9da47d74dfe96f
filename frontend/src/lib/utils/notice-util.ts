// Server warnings and field errors in the showing language: the server
// sends a stable code with params next to its English text (docs/api.md,
// "Codes for warnings and field errors"); the text is the fallback for a
// code this app does not know.
import { has, t, type MessageKey, type MessageValues } from '../i18n/i18n.svelte';
import type { Notice } from '../types/notice.type';

// i18n-dynamic: adminNotices.
// i18n-dynamic: adminFields.

// The join screen's two notices already have their words in common.join.
const noticeKeys: Record<string, MessageKey> = { no_lan: 'common.join.noLan', mdns_failed: 'common.join.mdnsFailed' };

/** values turns the server's string params into ICU values: counts become numbers (plurals). */
function values(params: Record<string, unknown> = {}): MessageValues {
  const out: MessageValues = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as MessageValues[string]);
  }
  return out;
}

/** noticeText is one notice in the showing language. */
export function noticeText(n: Notice): string {
  const key = noticeKeys[n.code] ?? `adminNotices.${n.code}`;
  if (!has(key)) return n.message;
  const v = values(n.params);
  const reasonKey = `errors.${n.params?.reason_code ?? ''}`;
  if (n.params?.reason_code && has(reasonKey)) v.reason = t(reasonKey);
  return t(key, v);
}

/** noticeTexts shows the notices, or the English warnings from a server that sends none. */
export function noticeTexts(notices: Notice[] | undefined, warnings: string[] | undefined): string[] {
  return notices ? notices.map(noticeText) : [...(warnings ?? [])];
}

/**
 * fieldErrorText is an invalid_field error's sentence from its field,
 * reason and params (`steps[].title` → adminFields.field.steps_title), or
 * null when this app has no words for them.
 */
export function fieldErrorText(details: Record<string, unknown>): string | null {
  const field = typeof details.field === 'string' ? details.field : '';
  const reason = typeof details.reason === 'string' ? details.reason : '';
  const params = values((details.params ?? {}) as Record<string, unknown>);
  const fieldKey = `adminFields.field.${field.replace('[]', '').replace(/\W+/g, '_')}`;
  const reasonKey = `adminFields.${reason}`;
  if (!field || !has(fieldKey) || !has(reasonKey)) return null;
  return t(reasonKey, { ...params, field: t(fieldKey, params) });
}
