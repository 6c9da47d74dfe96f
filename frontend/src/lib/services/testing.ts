// testing.ts holds what the service tests share (imported by tests only).
import { ApiError } from './api-client';

/** caught awaits p and returns the ApiError it fails with; anything else fails the test. */
export async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw new Error(`got ${String(e)}, want an ApiError`);
  }
  throw new Error('got success, want an ApiError');
}
