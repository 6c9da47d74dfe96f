// MessageKey is every key of the English catalogue, "namespace.key", so a
// typo in t('…') fails svelte-check. Add one line per namespace file.
import type common from './messages/en/common.json';
import type errors from './messages/en/errors.json';
import type a11y from './messages/en/a11y.json';
import type adminReport from './messages/en/adminReport.json';

type Keys<N extends string, T> = `${N}.${Extract<keyof T, string>}`;

export type MessageKey =
  | Keys<'common', typeof common>
  | Keys<'errors', typeof errors>
  | Keys<'a11y', typeof a11y>
  | Keys<'adminReport', typeof adminReport>;
