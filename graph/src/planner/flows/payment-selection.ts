import type { Task } from '../dialogue/tasks.ts';
import type { FlowContext } from './flow-context.ts';
import { newestFirst } from './flow-context.ts';
import {
  describeMethod,
  extractPaymentMention,
  resolvePayment,
  type PaymentMethodRecord,
} from '../slots/payment-methods.ts';

export type PaymentChoice = { kind: 'payment'; method: PaymentMethodRecord } | { kind: 'ask'; text: string };

/**
 * The payment method the customer named for this task, resolved against their profile. Never picks one of several
 * matching methods: it lists them and asks.
 */
export function selectPayment(ctx: FlowContext, task: Task, purpose: string, originalId?: string, options?: PaymentMethodRecord[]): PaymentChoice {
  const methods = Object.values(ctx.facts.user?.payment_methods ?? {});
  const offered = options ?? methods;
  const menu = offered.map(describeMethod).join('; ');
  for (const text of newestFirst(task)) {
    const mention = extractPaymentMention(text);
    if (!mention) continue;
    const resolution = resolvePayment(mention, methods, originalId);
    if (resolution.kind === 'resolved') {
      const method = methods.find((m) => m.id === resolution.id);
      if (method) return { kind: 'payment', method };
    }
    if (resolution.kind === 'ambiguous') {
      return { kind: 'ask', text: `You have more than one matching payment method: ${resolution.candidates.map(describeMethod).join('; ')}. Which one should I use ${purpose}?` };
    }
    if (resolution.kind === 'none') return { kind: 'ask', text: `I can't use that: ${resolution.reason}. Which payment method should I use ${purpose}? You can choose: ${menu}.` };
  }
  return { kind: 'ask', text: `Which payment method should I use ${purpose}? You can choose: ${menu}.` };
}
