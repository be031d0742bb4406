import { describe, expect, it } from 'vitest';
import type { Principal } from '../principal.ts';
import { signToken, tokenAuthenticator, verifyToken } from './token.ts';

const secret = 'a-test-secret-that-is-long-enough-32b';
const agent: Principal = { kind: 'agent', id: 'agent:bot', conversationId: 'conv-7', scopes: ['oms:read', 'oms:write'] };
const now = new Date('2026-11-28T12:00:00Z');

describe('bearer tokens', () => {
  it('round-trips a principal', () => {
    expect(verifyToken(secret, signToken(secret, { principal: agent, now }), now)).toEqual(agent);
  });

  it('refuses malformed tokens, saying what is wrong', () => {
    expect(() => verifyToken(secret, 'not-a-token', now)).toThrow('malformed token: expected a JWT, three base64url parts separated by "."');
    expect(() => verifyToken(secret, 'a.b.c', now)).toThrow(/malformed token: the header is not base64url JSON/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.sig`;
    expect(() => verifyToken(secret, none, now)).toThrow('unsupported token algorithm "none": only HS256 is accepted');
  });

  it('refuses a token signed with another secret or altered', () => {
    const token = signToken('another-secret-that-is-long-enough-32', { principal: agent, now });
    expect(() => verifyToken(secret, token, now)).toThrow('token signature is invalid (wrong secret or altered token)');
    const [h, , s] = signToken(secret, { principal: agent, now }).split('.');
    const admin = Buffer.from(JSON.stringify({ kind: 'admin', sub: 'x', scopes: ['*'], iat: 0, exp: 9e9 })).toString('base64url');
    expect(() => verifyToken(secret, `${h}.${admin}.${s}`, now)).toThrow(/signature is invalid/);
  });

  it('accepts only the canonical encoding of a signature', () => {
    const token = signToken(secret, { principal: agent, now });
    expect(verifyToken(secret, token, now).id).toBe(agent.id);
    // The last of 43 base64url characters carries 2 spare bits: other strings decode to the same 32 bytes.
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = [...alphabet].map((c) => token.slice(0, -1) + c).find((t) => t !== token && Buffer.from(t.split('.')[2]!, 'base64url').equals(Buffer.from(token.split('.')[2]!, 'base64url')));
    expect(twin, `no alternative encoding of ${last}`).toBeDefined();
    expect(() => verifyToken(secret, twin!, now)).toThrow('token signature is invalid (wrong secret or altered token)');
  });

  it('refuses an expired token with its expiry time', () => {
    const token = signToken(secret, { principal: agent, ttlSeconds: 60, now });
    expect(() => verifyToken(secret, token, new Date(now.getTime() + 61_000))).toThrow('token expired at 2026-11-28T12:01:00.000Z; ask for a new one');
  });

  it('refuses a token missing required scopes, naming them', async () => {
    const authenticate = tokenAuthenticator(secret, { requiredScopes: ['oms:read', 'approvals:resolve'], now: () => now });
    await expect(authenticate(signToken(secret, { principal: agent, now }))).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'token of agent:bot lacks the scope "approvals:resolve"' });
  });

  it('refuses weak secrets', () => {
    expect(() => signToken('short', { principal: agent })).toThrow('the token secret must be at least 32 bytes long');
  });
});
