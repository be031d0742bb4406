import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CommerceError } from '../errors.ts';
import { PRINCIPAL_KINDS, hasScope, type Principal } from '../principal.ts';

/**
 * Bearer tokens: compact JWS (JWT) signed with HMAC-SHA256. Claims: `kind`, `sub` (principal id), `customer_id`,
 * `conversation_id`, `scopes`, `iat`, `exp` (seconds). Verification refuses malformed, wrongly signed, expired and
 * not-yet-valid tokens with UNAUTHENTICATED, naming what was wrong.
 */
const claimsSchema = z.strictObject({
  kind: z.enum(PRINCIPAL_KINDS),
  sub: z.string().min(1),
  customer_id: z.string().min(1).optional(),
  conversation_id: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const MIN_SECRET_BYTES = 32;
const unauthenticated = (message: string) => new CommerceError('UNAUTHENTICATED', message);

function assertSecret(secret: string): void {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) throw new Error(`the token secret must be at least ${MIN_SECRET_BYTES} bytes long`);
}

function mac(secret: string, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export interface MintOptions {
  principal: Principal;
  /** Lifetime in seconds (default one hour). */
  ttlSeconds?: number;
  now?: Date;
}

export function signToken(secret: string, { principal, ttlSeconds = 3600, now = new Date() }: MintOptions): string {
  assertSecret(secret);
  if (principal.kind === 'customer' && !principal.customerId) throw new Error('a customer token needs a customer id');
  if (principal.kind === 'agent' && !principal.conversationId) throw new Error('an agent token needs a conversation id');
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims = {
    kind: principal.kind, sub: principal.id, scopes: principal.scopes, iat, exp: iat + ttlSeconds,
    ...(principal.customerId ? { customer_id: principal.customerId } : {}),
    ...(principal.conversationId ? { conversation_id: principal.conversationId } : {}),
  };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${mac(secret, signingInput).toString('base64url')}`;
}

export function verifyToken(secret: string, token: string, now: Date = new Date()): Principal {
  assertSecret(secret);
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw unauthenticated('malformed token: expected a JWT, three base64url parts separated by "."');
  }
  const [header, payload, signature] = parts as [string, string, string];
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    throw unauthenticated('malformed token: the header is not base64url JSON');
  }
  if (alg !== 'HS256') throw unauthenticated(`unsupported token algorithm ${JSON.stringify(alg)}: only HS256 is accepted`);
  const expected = mac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  // Decoding ignores a last character's spare bits, so several strings decode to one signature: accept only the one
  // canonical encoding, so a token string names one token (e.g. in a revocation list).
  if (given.toString('base64url') !== signature || given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated('token signature is invalid (wrong secret or altered token)');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw unauthenticated('malformed token: the claims are not base64url JSON');
  }
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) throw unauthenticated(`malformed token claims: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(claims)'}: ${i.message}`).join('; ')}`);
  const c = parsed.data;
  const seconds = now.getTime() / 1000;
  if (c.exp <= seconds) throw unauthenticated(`token expired at ${new Date(c.exp * 1000).toISOString()}; ask for a new one`);
  if (c.iat > seconds + 60) throw unauthenticated(`token is not valid yet (issued at ${new Date(c.iat * 1000).toISOString()})`);
  if (c.kind === 'customer' && !c.customer_id) throw unauthenticated('malformed token: a customer token needs customer_id');
  if (c.kind === 'agent' && !c.conversation_id) throw unauthenticated('malformed token: an agent token needs conversation_id');
  return {
    kind: c.kind, id: c.sub, scopes: c.scopes,
    ...(c.customer_id ? { customerId: c.customer_id } : {}),
    ...(c.conversation_id ? { conversationId: c.conversation_id } : {}),
  };
}

/**
 * `authenticate` for serveHttp: verifies the token and, when given, that it carries every required scope
 * (FORBIDDEN naming the missing ones). Per-tool scopes are checked again by the runtime.
 */
export function tokenAuthenticator(secret: string, options: { requiredScopes?: string[]; now?: () => Date } = {}) {
  assertSecret(secret);
  return async (token: string): Promise<Principal> => {
    const principal = verifyToken(secret, token, options.now?.() ?? new Date());
    const missing = (options.requiredScopes ?? []).filter((s) => !hasScope(principal, s));
    if (missing.length > 0) throw new CommerceError('FORBIDDEN', `token of ${principal.id} lacks the scope${missing.length > 1 ? 's' : ''} ${missing.map((s) => `"${s}"`).join(', ')}`);
    return principal;
  };
}
