import type { Principal } from '@agentic-commerce/kit';
import { describe, expect, it } from 'vitest';
import { requireOperator } from './api-auth.ts';

const principal = (kind: Principal['kind'], scopes: string[]): Principal => ({ kind, id: `${kind}:x`, scopes }) as Principal;

describe('requireOperator', () => {
  it('accepts operators and admins whose scopes the kit accepts for resolving approvals', () => {
    for (const scopes of [['approvals:resolve'], ['approvals:*'], ['*']]) {
      expect(() => requireOperator(principal('operator', scopes)), scopes.join()).not.toThrow();
      expect(() => requireOperator(principal('admin', scopes)), scopes.join()).not.toThrow();
    }
  });

  it('refuses other kinds and other scopes with 403, naming the scope it needs', () => {
    for (const p of [principal('operator', ['orders:*']), principal('operator', []), principal('service', ['*'])]) {
      expect(() => requireOperator(p)).toThrow(expect.objectContaining({ status: 403, code: 'FORBIDDEN', message: expect.stringContaining('"approvals:resolve" scope') }));
    }
  });
});
