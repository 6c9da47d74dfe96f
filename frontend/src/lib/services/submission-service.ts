/**
 * submission-service: files and links an attendee hands in, and the
 * facilitator's list and archive. Files go up with progress (api.upload).
 */
import { api, type ApiClient, type UploadProgress } from './api-client';
import { withToken } from './attendee-service';
import { ContentService, downloadToDisk, saveBlob } from './content-service';
import type { AttendeeSubmissions, Submission, SubmissionLimits } from '../types/submission.type';
import { t } from '../i18n/i18n.svelte';
import { formatNumber } from '../i18n/format';

const enc = encodeURIComponent;
export const submissionPaths = {
  list: (id: string) => `/api/codelabs/${enc(id)}/submissions`,
  one: (id: string, sid: string) => `/api/codelabs/${enc(id)}/submissions/${enc(sid)}`,
  download: (id: string, sid: string) => `/api/codelabs/${enc(id)}/submissions/${enc(sid)}/download`,
  admin: (id: string) => `/api/admin/codelabs/${enc(id)}/submissions`,
  archive: (id: string) => `/api/admin/codelabs/${enc(id)}/submissions/archive`,
};

/** DEFAULT_LIMITS are the server's defaults (10 MB a file, 30 MB an attendee). */
export const DEFAULT_LIMITS: SubmissionLimits = { max_file_bytes: 10 << 20, max_total_bytes: 30 << 20 };

/** limitsOf reads a codelab's limits, falling back to the defaults. */
export function limitsOf(c: { submission_max_file_bytes?: number; submission_max_total_bytes?: number } | null | undefined): SubmissionLimits {
  return {
    max_file_bytes: c?.submission_max_file_bytes || DEFAULT_LIMITS.max_file_bytes,
    max_total_bytes: c?.submission_max_total_bytes || DEFAULT_LIMITS.max_total_bytes,
  };
}

export const submissionService = {
  mine: (token: string, id: string) => withToken(token).get<Submission[]>(submissionPaths.list(id)),
  addFile: (token: string, id: string, file: File, onProgress?: UploadProgress, title = '') => {
    const form = new FormData();
    if (title) form.append('title', title);
    form.append('file', file, file.name);
    return withToken(token).upload<Submission>(submissionPaths.list(id), form, onProgress);
  },
  addLink: (token: string, id: string, url: string, title: string) =>
    withToken(token).post<Submission>(submissionPaths.list(id), { url, title }),
  remove: (token: string, id: string, sid: string) => withToken(token).delete(submissionPaths.one(id, sid)),
  /** download saves the owner's file (the token is needed, so no plain link). */
  download: async (token: string, id: string, s: Submission) => {
    const d = await new ContentService(withToken(token)).download(submissionPaths.download(id, s.id), s.original_name || 'submission');
    saveBlob(d.blob, d.filename);
  },
  all: (id: string) => api.get<AttendeeSubmissions[]>(submissionPaths.admin(id)),
  archive: (id: string) => downloadToDisk(submissionPaths.archive(id), 'submissions.zip'),
  /** adminDownload saves one file with the facilitator's token. */
  adminDownload: (id: string, s: Submission) => downloadToDisk(submissionPaths.download(id, s.id), s.original_name || 'submission'),
  /** thumbnailSrc is an `<img src>` for an admin thumbnail (admin endpoints accept `?token=`). */
  thumbnailSrc: (s: Submission, client: ApiClient = api) => {
    if (!s.thumbnail_url) return '';
    const u = client.url('/' + s.thumbnail_url.replace(/^\/+/, ''));
    return `${u}${u.includes('?') ? '&' : '?'}token=${encodeURIComponent(client.token)}`;
  },
};

/** linkProblem checks a link before it is sent: only http and https are accepted. */
export function linkProblem(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return t('common.submission.notAnAddress');
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? '' : t('common.submission.onlyHttp');
}

/** fileProblem checks a file against the limits before uploading it. */
export function fileProblem(size: number, limits: SubmissionLimits, used: number): string {
  if (size > limits.max_file_bytes) return t('common.submission.fileTooLarge', { max: mb(limits.max_file_bytes) });
  if (used + size > limits.max_total_bytes) return t('common.submission.overTotal', { max: mb(limits.max_total_bytes) });
  return '';
}

/** usedBytes sums the sizes of the files handed in. */
export function usedBytes(list: Submission[]): number {
  return list.reduce((n, s) => n + (s.kind === 'file' ? s.size ?? 0 : 0), 0);
}

/** mb prints a byte limit as megabytes (10 MB), in the showing language. */
export function mb(bytes: number): string {
  return formatNumber(bytes / (1 << 20), { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 });
}

