/** Certificate is `GET /api/certificates/{id}`: every field, the signature and the self-contained token. */
export interface Certificate {
  id: string;
  attendee_name: string;
  codelab_id: string;
  codelab_title: string;
  author: string;
  workshop_name: string;
  completed_at: string;
  key_id: string;
  signature: string;
  public_key: string;
  fingerprint: string;
  token: string;
  /** verify_url is what the QR code encodes. */
  verify_url: string;
  /** pdf_url is the server path of the PDF. */
  pdf_url: string;
}

/** VerifyReason: '' when valid. */
export type VerifyReason = '' | 'malformed' | 'unknown_key' | 'bad_signature';

/** VerifyResult is `POST /api/certificates/verify`. */
export interface VerifyResult {
  valid: boolean;
  reason: VerifyReason | string;
  /** message is the server's sentence for the reason. */
  message?: string;
  /** fingerprint is the key the server checked with. */
  fingerprint?: string;
  certificate: Partial<Certificate> | null;
}

/** Requirement is one completion rule (the `missing` list of 409 requirements_not_met). */
export type Requirement = 'steps' | 'quiz' | 'feedback' | 'submission';

/** Requirements is `GET /api/me/requirements`. */
export interface Requirements {
  completed: boolean;
  missing: Requirement[];
  requires: Record<Requirement, boolean>;
  certificate_id: string | null;
}

/** SigningKey is `GET /api/admin/certificates/key`: what the facilitator publishes. */
export interface SigningKey {
  public_key: string;
  public_key_pem: string;
  fingerprint: string;
  created_at: string;
}

/** LoopRow is one attendee in `GET /api/admin/codelabs/{id}/loop`. */
export interface LoopRow {
  attendee: { id: string; name: string };
  completed_at: string | null;
  certificate_id: string | null;
  quiz_passed: boolean;
  best_score_percent: number | null;
  /** feedback and submissions are as the server sends them (a flag or object, a count or list). */
  feedback: unknown;
  submissions: unknown;
}
