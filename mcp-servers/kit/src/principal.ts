import { z } from 'zod';

export const PRINCIPAL_KINDS = ['customer', 'agent', 'operator', 'service', 'admin'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];
/** The kinds that run the business rather than speak for one customer: callers of back-office tools (ToolDefinition.callers). */
export const BACK_OFFICE: readonly PrincipalKind[] = ['service', 'operator', 'admin'];

/**
 * Who is calling. Over HTTP it comes from a verified bearer token, over stdio from the launch configuration,
 * in memory from the test or the graph. Tools never take the caller's identity from their arguments.
 */
export const principalSchema = z.object({
  kind: z.enum(PRINCIPAL_KINDS).describe('customer: one shopper; agent: a support agent in one conversation; operator: may approve; service: backend job; admin'),
  id: z.string().min(1).describe('stable subject id, e.g. "agent:support-bot" or "op:alice"'),
  customerId: z.string().min(1).optional().describe('kind=customer: the only customer this principal may act for'),
  conversationId: z.string().min(1).optional().describe('the conversation this principal acts in: required for kind=agent; a customer acting in a conversation may carry it too (its ledger entries are then found by conversation)'),
  scopes: z.array(z.string().min(1)).describe('granted scopes, e.g. "oms:read", "oms:write", "approvals:resolve"; "*" grants all'),
});
export type Principal = z.infer<typeof principalSchema>;

export function hasScope(principal: Principal, scope: string): boolean {
  if (principal.scopes.includes('*') || principal.scopes.includes(scope)) return true;
  const [system] = scope.split(':');
  return principal.scopes.includes(`${system}:*`);
}

/** Parses a principal given as JSON (e.g. the COMMERCE_PRINCIPAL variable of a stdio server), with a clear error. */
export function parsePrincipal(json: string, source = 'principal'): Principal {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new Error(`${source} is not valid JSON: ${(cause as Error).message}`);
  }
  const parsed = principalSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${source} is not a valid principal: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const p = parsed.data;
  if (p.kind === 'customer' && !p.customerId) throw new Error(`${source}: a customer principal needs customerId`);
  if (p.kind === 'agent' && !p.conversationId) throw new Error(`${source}: an agent principal needs conversationId`);
  return p;
}
