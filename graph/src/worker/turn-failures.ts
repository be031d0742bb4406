import { isCommerceError, type ErrorCode } from '@agentic-commerce/kit';
import { UnrecoverableError } from 'bullmq';
import { ConversationNotFound } from '../service/support-service.ts';

/** Codes that say the job itself is wrong (its input, its target or the conversation's state): running it again changes nothing. */
const PERMANENT_CODES: ReadonlySet<ErrorCode> = new Set(['INVALID_ARGUMENT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'POLICY_DENIED', 'FAILED_PRECONDITION']);

/**
 * A job failure that no retry can fix, as BullMQ's `UnrecoverableError` (the job fails at once with this reason):
 * an unknown conversation or one not waiting for that approval, or the service or kit refusing the job's input or
 * the conversation's state (INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN, FAILED_PRECONDITION, ...). Anything else (a model
 * endpoint or database that is down, a crash) is returned unchanged, so BullMQ retries it with backoff. Malformed
 * jobs are refused by the worker before this (its schemas).
 */
export function permanentFailure(error: unknown): unknown {
  if (error instanceof UnrecoverableError) return error;
  const permanent = error instanceof ConversationNotFound || (isCommerceError(error) && PERMANENT_CODES.has(error.code));
  if (!permanent) return error;
  const reason = (error as Error).message;
  const code = isCommerceError(error) ? `${error.code}: ` : '';
  const unrecoverable = new UnrecoverableError(`${code}${reason} (not retried: the job cannot succeed as submitted)`);
  (unrecoverable as Error & { cause?: unknown }).cause = error;
  return unrecoverable;
}
