/**
 * certificate-service: completing a codelab (the server checks the rules and
 * issues a signed certificate), reading and verifying certificates, and the
 * facilitator's signing key.
 */
import { api, isApiError } from './api-client';
import { withToken } from './attendee-service';
import type { Certificate, LoopRow, Requirement, Requirements, SigningKey, VerifyResult } from '../types/certificate.type';
import { locale, t } from '../i18n/i18n.svelte';

// The `/verify` address rewrite is its own module: the attendee app runs it on
// every first page, which must not pull in this service (and its QR encoder).
export { applyVerifyPath, verifyPathRedirect } from './verify-path';

const enc = encodeURIComponent;
export const certificatePaths = {
  complete: '/api/me/complete',
  requirements: '/api/me/requirements',
  loop: (id: string) => `/api/admin/codelabs/${enc(id)}/loop`,
  one: (id: string) => `/api/certificates/${enc(id)}`,
  pdf: (id: string) => `/api/certificates/${enc(id)}/pdf`,
  verify: '/api/certificates/verify',
  key: '/api/admin/certificates/key',
};

/** CompleteOutcome is either a certificate or the list of rules not met yet. */
export type CompleteOutcome = { ok: true; certificate: Certificate } | { ok: false; missing: Requirement[]; message: string };

const KNOWN: Requirement[] = ['steps', 'quiz', 'feedback', 'submission'];

export const certificateService = {
  /** complete asks the server to finish; a 409 requirements_not_met becomes the missing list. */
  complete: async (token: string): Promise<CompleteOutcome> => {
    try {
      const r = await withToken(token).post<{ certificate: Certificate }>(certificatePaths.complete);
      return { ok: true, certificate: r.certificate };
    } catch (e) {
      if (isApiError(e) && e.code === 'requirements_not_met') {
        return { ok: false, missing: missingFrom(e.details), message: e.message };
      }
      throw e;
    }
  },
  requirements: (token: string) => withToken(token).get<Requirements>(certificatePaths.requirements),
  loop: (codelabId: string) => api.get<LoopRow[]>(certificatePaths.loop(codelabId)),
  get: (id: string) => api.get<Certificate>(certificatePaths.one(id)),
  verify: (token: string) => api.post<VerifyResult>(certificatePaths.verify, { token: token.trim() }),
  key: () => api.get<SigningKey>(certificatePaths.key),
  /** pdfHref is the absolute URL of a certificate's PDF, printed in the showing language. */
  pdfHref: (id: string, pdfUrl?: string) => {
    const path = pdfUrl ? '/' + pdfUrl.replace(/^\/+/, '') : certificatePaths.pdf(id);
    return api.url(`${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(locale())}`);
  },
};

/** missingFrom reads `missing` from an error body, keeping only known rules. */
export function missingFrom(details: Record<string, unknown> | undefined): Requirement[] {
  const m = details?.missing;
  return Array.isArray(m) ? m.filter((x): x is Requirement => KNOWN.includes(x as Requirement)) : [];
}

/** certificateLink is the attendee-app URL of a certificate page. */
export function certificateLink(origin: string, id: string): string {
  return `${origin.replace(/\/+$/, '')}/#/certificate/${enc(id)}`;
}

/** requirementLabel names a rule for a person. */
export function requirementLabel(r: Requirement): string {
  return {
    steps: t('common.requirement.steps'),
    quiz: t('common.requirement.quiz'),
    feedback: t('common.requirement.feedback'),
    submission: t('common.requirement.submission'),
  }[r];
}
