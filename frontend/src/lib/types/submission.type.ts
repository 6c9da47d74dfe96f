/** Submission is a file or a link an attendee handed in (docs/api.md, “Submissions”). */
export interface Submission {
  id: string;
  kind: 'file' | 'link';
  title: string;
  url?: string;
  original_name?: string;
  content_type?: string;
  size?: number;
  created_at: string;
  download_url?: string;
  /** thumbnail_url: admin lists only, image files only. */
  thumbnail_url?: string;
}

/** SubmissionLimits are a codelab's limits on handed-in files, in bytes. */
export interface SubmissionLimits {
  max_file_bytes: number;
  max_total_bytes: number;
}

/** AttendeeSubmissions is one row of the facilitator's list. */
export interface AttendeeSubmissions {
  attendee: { id: string; name: string };
  submissions: Submission[];
}
