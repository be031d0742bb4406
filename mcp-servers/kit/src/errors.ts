/**
 * The closed list of error codes every server, the action layer and the graph share.
 * A tool error carries one of these codes in `_meta["agentic-commerce/error"].code` (see register-tools.ts).
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT', // the input is malformed or names something impossible; nothing changed
  'NOT_FOUND', // the thing does not exist, or the caller may not know that it exists
  'UNAUTHENTICATED', // no or bad credentials
  'FORBIDDEN', // authenticated, but the principal lacks the scope or binding
  'FAILED_PRECONDITION', // the thing is in the wrong state for this action (e.g. order not pending)
  'POLICY_DENIED', // the retailer's policy refuses this action
  'APPROVAL_REQUIRED', // a human must approve first; details carry the approval request
  'CONFLICT', // idempotency key reused with other arguments, or a concurrent change
  'RATE_LIMITED', // too many calls for this principal
  'UNAVAILABLE', // a dependency is down; safe to retry with the same idempotency key
  'INTERNAL', // a bug; the message is safe to show, the cause is logged
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CommerceErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/** The one error class of the project. `message` is written for the caller (a model or a person). */
export class CommerceError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: CommerceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CommerceError';
    this.code = code;
    this.details = options.details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isCommerceError(value: unknown): value is CommerceError {
  return value instanceof CommerceError;
}

/** Shorthands that keep call sites readable. */
export const notFound = (message: string, details?: Record<string, unknown>) => new CommerceError('NOT_FOUND', message, { details });
export const invalidArgument = (message: string, details?: Record<string, unknown>) =>
  new CommerceError('INVALID_ARGUMENT', message, { details });
export const failedPrecondition = (message: string, details?: Record<string, unknown>) =>
  new CommerceError('FAILED_PRECONDITION', message, { details });
export const forbidden = (message: string, details?: Record<string, unknown>) => new CommerceError('FORBIDDEN', message, { details });
export const conflict = (message: string, details?: Record<string, unknown>) => new CommerceError('CONFLICT', message, { details });
