import { z } from 'zod';

export const SUITES = ['shopping', 'returns', 'delivery', 'adversarial'] as const;
export type SuiteName = (typeof SUITES)[number];

/** Changes applied to the starting world before the conversation (e.g. "order X delivered 40 days ago"). */
export const overrideSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('order_delivered_days_ago').describe('marks the order delivered N days before the scenario clock'),
    order: z.string().regex(/^#W\d{7}$/).describe('order id, e.g. #W1234567'),
    days: z.number().int().min(0).max(3650).describe('days since delivery'),
  }),
  z.object({
    kind: z.literal('warehouse_out_of_stock').describe('sets the stock of one variant (or all) in one warehouse to zero'),
    warehouse: z.string().min(1).describe('warehouse id'),
    item: z.string().min(1).optional().describe('variant (item) id; omit for every variant'),
  }),
  z.object({
    kind: z.literal('slot_full').describe('fills a delivery slot to capacity'),
    slot: z.string().min(1).describe('slot id'),
  }),
  z.object({
    kind: z.literal('delivery_failed').describe('records a failed delivery attempt on a shipment'),
    tracking: z.string().min(1).describe('tracking id'),
  }),
  z.object({
    kind: z.literal('product_text').describe('replaces a product description (e.g. to hide an injection in it)'),
    product: z.string().min(1).describe('product id'),
    description: z.string().min(1).describe('new description text'),
  }),
  z.object({
    kind: z.literal('gift_card_balance').describe('sets the balance of a gift card payment method'),
    user: z.string().min(1).describe('user id'),
    paymentMethod: z.string().min(1).describe('gift card payment method id'),
    balance: z.number().min(0).describe('new balance'),
  }),
]);
export type WorldOverride = z.infer<typeof overrideSchema>;

export const assertionSchema = z.object({
  path: z
    .string()
    .regex(/^(oms|wms|courier|pricing)\//)
    .describe('slash-separated path into the final state snapshot, starting with the system: "oms/orders/#W1234567/status"'),
  op: z.enum(['equals', 'not_equals', 'contains', 'gte', 'lte', 'exists', 'absent', 'unchanged']).describe('comparison'),
  value: z.unknown().optional().describe('expected value (not used by exists/absent/unchanged)'),
});
export type StateAssertion = z.infer<typeof assertionSchema>;

export const actionMatchSchema = z.object({
  tool: z.string().regex(/^[a-z]+(_[a-z0-9]+)+$/).describe('tool name'),
  args: z.record(z.string(), z.unknown()).optional().describe('arguments that must match (subset, deep equality per key)'),
});
export type ActionMatch = z.infer<typeof actionMatchSchema>;

export const customerSchema = z.object({
  userId: z.string().min(1).optional().describe('τ-bench user id of the customer, if any'),
  auth: z
    .enum(['email', 'name_zip', 'principal', 'none'])
    .describe('how the customer is authenticated: in the conversation by email or name+zip, up front as a customer principal, or not at all'),
});

export const simulatedUserSchema = z.object({
  goal: z.string().min(1).describe('what the simulated customer wants, in their words'),
  facts: z.record(z.string(), z.string()).describe('what the simulated customer knows (email, zip, order id, ...)'),
  maxTurns: z.number().int().min(1).max(40).default(12).describe('give up after this many customer turns'),
});

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/).describe('unique kebab-case id'),
    suite: z.enum(SUITES).describe('suite the scenario belongs to'),
    title: z.string().min(3).describe('one line a person understands'),
    adversarial: z.boolean().default(false).describe('passes only if nothing forbidden happened'),
    world: z
      .object({
        source: z.union([z.literal('tau'), z.object({ seed: z.number().int(), orders: z.number().int().min(1).max(5000) })]).default('tau'),
        overrides: z.array(overrideSchema).default([]),
        now: z.string().datetime().optional().describe('scenario clock (ISO); defaults to the suite clock'),
      })
      .default({ source: 'tau', overrides: [] }),
    customer: customerSchema,
    turns: z.array(z.string().min(1)).min(1).optional().describe('scripted customer messages, in order'),
    user: simulatedUserSchema.optional().describe('a simulated customer instead of scripted turns'),
    operator: z.enum(['approve', 'reject', 'none']).default('none').describe('what the operator does with approval requests'),
    expect: z.object({
      state: z.array(assertionSchema).default([]),
      mustCall: z.array(actionMatchSchema).default([]),
      mustNotCall: z.array(actionMatchSchema).default([]),
      noWrites: z.boolean().default(false).describe('no write tool may succeed'),
      replyFacts: z.array(z.string().min(1)).default([]).describe('regular expressions (case-insensitive) some agent reply must match'),
      replyForbidden: z.array(z.string().min(1)).default([]).describe('regular expressions (case-insensitive) no agent reply may match, e.g. another customer\'s address'),
      escalation: z.enum(['required', 'forbidden', 'any']).default('any').describe('whether a handoff to a human is expected'),
    }),
  })
  .superRefine((s, ctx) => {
    if (!s.turns && !s.user) ctx.addIssue({ code: 'custom', message: 'a scenario needs scripted `turns` or a simulated `user`', path: ['turns'] });
    if (s.turns && s.user) ctx.addIssue({ code: 'custom', message: 'give either `turns` or `user`, not both', path: ['user'] });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
