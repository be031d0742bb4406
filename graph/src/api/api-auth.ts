import { APPROVE_SCOPE, hasScope, isCommerceError, type Principal } from '@agentic-commerce/kit';
import type { Context } from 'hono';

export type Authenticate = (token: string) => Promise<Principal>;

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The bearer token's principal (verified by the kit's token authenticator), or a 401 that says what to send. */
export async function principalOf(c: Context, authenticate: Authenticate): Promise<Principal> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError(401, 'UNAUTHENTICATED', 'missing bearer token: send "Authorization: Bearer <token>" (mint one with the kit token tools)');
  try {
    return await authenticate(match[1]);
  } catch (error) {
    const code = isCommerceError(error) ? error.code : 'UNAUTHENTICATED';
    throw new ApiError(code === 'FORBIDDEN' ? 403 : 401, code, error instanceof Error ? error.message : 'invalid token');
  }
}

/** The kit's rule for resolving approvals (kind operator or admin, scope "approvals:resolve", "approvals:*" or "*"). */
export function requireOperator(principal: Principal): void {
  if (!(principal.kind === 'operator' || principal.kind === 'admin') || !hasScope(principal, APPROVE_SCOPE)) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `approvals need an operator or admin token with the "${APPROVE_SCOPE}" scope (or "approvals:*" or "*"); ${principal.id} is ${principal.kind} with scopes [${principal.scopes.join(', ')}]`,
    );
  }
}
