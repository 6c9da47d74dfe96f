// MessageKey is every key of the English catalogue, "namespace.key", so a
// typo in t('…') fails svelte-check. Add one line per namespace file.
import type common from './messages/en/common.json';
import type errors from './messages/en/errors.json';
import type admin from './messages/en/admin.json';
import type adminEditor from './messages/en/adminEditor.json';
import type adminContent from './messages/en/adminContent.json';
import type adminAudit from './messages/en/adminAudit.json';
import type adminJoin from './messages/en/adminJoin.json';
import type adminLive from './messages/en/adminLive.json';
import type adminLoop from './messages/en/adminLoop.json';
import type attendee from './messages/en/attendee.json';
import type attLoop from './messages/en/attLoop.json';
import type comments from './messages/en/comments.json';
import type polls from './messages/en/polls.json';
import type a11y from './messages/en/a11y.json';
import type adminReport from './messages/en/adminReport.json';
import type helpers from './messages/en/helpers.json';
import type adminHelpers from './messages/en/adminHelpers.json';
import type adminNotices from './messages/en/adminNotices.json';
import type adminFields from './messages/en/adminFields.json';

type Keys<N extends string, T> = `${N}.${Extract<keyof T, string>}`;

export type MessageKey =
  | Keys<'common', typeof common>
  | Keys<'errors', typeof errors>
  | Keys<'admin', typeof admin>
  | Keys<'adminEditor', typeof adminEditor>
  | Keys<'adminContent', typeof adminContent>
  | Keys<'adminAudit', typeof adminAudit>
  | Keys<'adminJoin', typeof adminJoin>
  | Keys<'adminLive', typeof adminLive>
  | Keys<'adminLoop', typeof adminLoop>
  | Keys<'attendee', typeof attendee>
  | Keys<'attLoop', typeof attLoop>
  | Keys<'adminReport', typeof adminReport>
  | Keys<'helpers', typeof helpers>
  | Keys<'adminHelpers', typeof adminHelpers>
  | Keys<'adminNotices', typeof adminNotices>
  | Keys<'adminFields', typeof adminFields>
  | Keys<'comments', typeof comments>
  | Keys<'polls', typeof polls>
  | Keys<'a11y', typeof a11y>;
