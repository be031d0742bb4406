import { z } from 'zod';
import { PRINCIPAL_KINDS } from '../principal.ts';

export const AUTONOMY_LEVELS = ['shadow', 'approve', 'auto'] as const;
export type Autonomy = (typeof AUTONOMY_LEVELS)[number];

const money = z.number().nonnegative().describe('an amount in the store currency');
const over = z.enum(['approve', 'deny']).default('deny').describe('what happens when the limit is exceeded');

export const evidenceRefSchema = z.strictObject({
  doc: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a document id: lower-case letters, digits and -').describe('policy document id (file name without .md)'),
  section: z.string().min(1).describe('stable section id inside that document'),
});

const ruleFields = {
  description: z.string().optional().describe('what the rule is for, for the people who edit it'),
  autonomy: z.enum(AUTONOMY_LEVELS).optional().describe('shadow: only propose; approve: a human approves each; auto: execute'),
  statuses: z.array(z.string().min(1)).min(1).optional().describe('subject statuses (ActionFacts.status) that allow the action'),
  amount_label: z.string().min(1).optional().describe('what the amount is called in explanations, e.g. "refund"'),
  approve_above: money.optional().describe('amounts above this need approval'),
  deny_above: money.optional().describe('amounts above this are refused'),
  velocity: z
    .strictObject({
      max: z.number().int().nonnegative().describe('executions allowed per customer in the period'),
      days: z.number().positive().describe('length of the period in days'),
      over,
    })
    .optional()
    .describe('per-customer limit, counted from the ledger'),
  window: z
    .strictObject({ days: z.number().positive().describe('days after ActionFacts.since'), over })
    .optional()
    .describe('the action is only allowed within this many days of the subject\'s `since` time (e.g. delivery)'),
  evidence: z.array(evidenceRefSchema).optional().describe('store-policy sections this rule implements, recorded with each decision'),
};

export const overrideSchema = z.strictObject(ruleFields);
export const ruleSchema = z.strictObject({
  ...ruleFields,
  principals: z.partialRecord(z.enum(PRINCIPAL_KINDS), overrideSchema).optional().describe('overrides per principal kind'),
});
export type PolicyRule = z.infer<typeof ruleSchema>;
export type PolicyOverride = z.infer<typeof overrideSchema>;

const rateLimitSchema = z.strictObject({
  burst: z.number().int().positive().describe('calls allowed at once (bucket size)'),
  per_minute: z.number().positive().describe('sustained calls per minute (refill rate)'),
});
export type RateLimit = z.infer<typeof rateLimitSchema>;

/** The longest an approval may stay valid: 30 days. */
export const MAX_APPROVAL_TTL_MINUTES = 43_200;

export const policyFileSchema = z.strictObject({
  version: z.string().min(1).describe('the retailer\'s version label; the recorded version also includes a hash of the file'),
  description: z.string().optional(),
  approval_ttl_minutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(MAX_APPROVAL_TTL_MINUTES, `must be at most ${MAX_APPROVAL_TTL_MINUTES} minutes (30 days)`)
    .default(60)
    .describe('how long an approval request stays valid, in whole minutes (1 to 43200, i.e. 30 days)'),
  default_rule: ruleSchema.describe('the rule for action classes not listed under `actions`'),
  rate_limits: z.partialRecord(z.enum(PRINCIPAL_KINDS), rateLimitSchema).default({}).describe('per principal kind; kinds not listed are not limited'),
  actions: z.record(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'an action class like "order.cancel"'), ruleSchema).default({}),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;
