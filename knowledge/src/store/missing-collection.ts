import { isCommerceError } from '@agentic-commerce/kit/errors';

/** For reads and drops where a collection that does not exist yet is a normal answer: NOT_FOUND → undefined. */
export function undefinedIfMissing(error: unknown): undefined {
  if (isCommerceError(error) && error.code === 'NOT_FOUND') return undefined;
  throw error;
}
