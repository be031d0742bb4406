import { z } from 'zod';

export const DEFAULT_QUEUE = 'graph-turns';

/** A graph turn submitted by a backend system. The job id doubles as the message id, so a retry never re-sends it. */
export const turnJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('message').describe('a customer message'),
    conversationId: z.string().min(1).max(200).describe('the conversation (created if new)'),
    customerId: z.string().min(1).optional().describe('a signed-in customer, if any'),
    text: z.string().trim().min(1).max(4000).describe('the message (trimmed; 1 to 4000 characters)'),
  }),
  z.strictObject({
    kind: z.literal('approval').describe("an operator's decision on a paused conversation"),
    conversationId: z.string().min(1).max(200).describe('the conversation waiting on the approval'),
    approvalId: z.string().min(1).describe('the approval id'),
    operatorId: z.string().min(1).describe('who decided, e.g. "op:alice"'),
    decision: z.record(z.string(), z.unknown()).describe('{ decision: "approve" | "reject" | "edit", note?, arguments? }'),
  }),
]);
export type TurnJob = z.infer<typeof turnJobSchema>;
