// MessageKey is every key of the English catalogue, "namespace.key", so a
// typo in t('…') fails svelte-check. Add one line per namespace file.
import type common from './messages/en/common.json';
import type errors from './messages/en/errors.json';
import type adminLive from './messages/en/adminLive.json';
import type adminLoop from './messages/en/adminLoop.json';
import type attendee from './messages/en/attendee.json';
import type attLoop from './messages/en/attLoop.json';
import type adminReport from './messages/en/adminReport.json';

type Keys<N extends string, T> = `${N}.${Extract<keyof T, string>}`;

export type MessageKey =
  | Keys<'common', typeof common>
  | Keys<'errors', typeof errors>
  | Keys<'adminLive', typeof adminLive>
  | Keys<'adminLoop', typeof adminLoop>
  | Keys<'attendee', typeof attendee>
  | Keys<'attLoop', typeof attLoop>
  | Keys<'adminReport', typeof adminReport>;
