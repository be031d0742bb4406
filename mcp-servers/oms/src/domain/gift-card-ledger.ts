import { roundCents } from './python-round.ts';
import type { GiftCardBalance } from './order-change.ts';
import type { User } from './records.ts';

/**
 * Tracks gift-card balances while a rule adds and subtracts amounts, rounding after each step like τ-bench
 * (`balance = round(balance + amount, 2)`), and reports the final balances of the cards it touched.
 */
export class GiftCardLedger {
  private readonly balances = new Map<string, number>();

  constructor(private readonly user: User) {}

  add(paymentMethodId: string, amount: number): void {
    const method = this.user.payment_methods[paymentMethodId];
    if (!method || method.source !== 'gift_card') return;
    const current = this.balances.get(paymentMethodId) ?? method.balance ?? 0;
    this.balances.set(paymentMethodId, roundCents(current + amount));
  }

  changes(): GiftCardBalance[] {
    return [...this.balances].map(([paymentMethodId, balance]) => ({ paymentMethodId, balance }));
  }
}

/** The customer record with the new balances applied (pure). */
export function applyGiftCardBalances(user: User, balances: readonly GiftCardBalance[]): User {
  const next = structuredClone(user);
  for (const { paymentMethodId, balance } of balances) {
    const method = next.payment_methods[paymentMethodId];
    if (method) method.balance = balance;
  }
  return next;
}
