import { z } from 'zod';
import { argumentsHash } from './canonical-hash.ts';

/** What the graph shows an operator when a server answers APPROVAL_REQUIRED (the interrupt payload). */
export const approvalRequestSchema = z.object({
  type: z.literal('approval_request').describe('discriminator of the interrupt payload'),
  approvalId: z.string().describe('the server\'s approval id; pass it back when approving'),
  tool: z.string().describe('the MCP tool that needs approval'),
  what: z.string().describe('the action in words, rendered from the arguments'),
  why: z.string().describe('why a human must approve (the server\'s policy explanation)'),
  amount: z.number().optional().describe('money the action moves, when known'),
  arguments: z.record(z.string(), z.unknown()).describe('the exact arguments of the call'),
  argumentsHash: z.string().describe('SHA-256 of the canonical arguments; an approval is valid only for these'),
  toolCallId: z.string().describe('the tool call this request belongs to'),
  agent: z.string().describe('the specialist that made the call'),
  conversationId: z.string().optional().describe('the conversation waiting on this approval (set when listed)'),
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

/** The operator's decision, the value of `Command({ resume })`. */
export const approvalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve').describe('run the call as requested'), note: z.string().optional().describe('operator note') }),
  z.object({
    decision: z.literal('reject').describe('do not run the call'),
    note: z.string().optional().describe('reason told to the customer'),
    expired: z.boolean().optional().describe('true when nobody decided: the approval expired first'),
  }),
  z.object({
    decision: z.literal('edit').describe('run the call with edited arguments (the server may ask for a new approval)'),
    arguments: z.record(z.string(), z.unknown()).describe('replacement arguments'),
    note: z.string().optional().describe('operator note'),
  }),
]);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

function pick<T>(details: Record<string, unknown> | undefined, keys: string[], guard: (v: unknown) => v is T): T | undefined {
  for (const key of keys) {
    const value = details?.[key];
    if (guard(value)) return value;
  }
  return undefined;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Builds the typed request from an APPROVAL_REQUIRED tool error. The kit carries its approval request in
 * `details.approval` ({ id, argsHash, amount, reason, ... }); flat snake_case or camelCase fields are read too.
 */
export function approvalRequestFrom(input: {
  tool: string;
  what: string;
  message: string;
  details: Record<string, unknown> | undefined;
  args: Record<string, unknown>;
  toolCallId: string;
  agent: string;
}): ApprovalRequest {
  const nested = input.details?.approval;
  const details = typeof nested === 'object' && nested !== null ? { ...input.details, ...(nested as Record<string, unknown>) } : input.details;
  const approvalId = pick(details, ['approval_id', 'approvalId', 'id'], isString);
  if (!approvalId) throw new Error(`${input.tool} answered APPROVAL_REQUIRED without an approval id in its details: ${JSON.stringify(input.details ?? {})}`);
  const amount = pick(details, ['amount'], isNumber);
  return {
    type: 'approval_request',
    approvalId,
    tool: input.tool,
    what: input.what,
    why: pick(details, ['reason', 'explanation'], isString) ?? input.message,
    ...(amount !== undefined ? { amount } : {}),
    arguments: input.args,
    argumentsHash: pick(details, ['argsHash', 'arguments_hash', 'argumentsHash', 'args_hash'], isString) ?? argumentsHash(input.args),
    toolCallId: input.toolCallId,
    agent: input.agent,
  };
}
