import type { LoyaltyAccountRow, LoyaltyTransactionRow, VariantPriceRow } from '@agentic-commerce/pricing';
import type { ProductRecord } from '../tau-bench/tau-bench-records.ts';
import type { LoyaltyEntrySeed } from '../world-model.ts';

/** Lifetime points from which a customer is in a loyalty segment (highest first). */
export const LOYALTY_SEGMENTS = [
  { segment: 'gold', minPoints: 5000 },
  { segment: 'silver', minPoints: 1500 },
  { segment: 'standard', minPoints: 0 },
] as const;

/** List prices equal to the catalog's variant prices (what order lines were charged), in force since `since`. */
export function variantPriceRows(products: readonly ProductRecord[], category: (product: ProductRecord) => string, since: Date): VariantPriceRow[] {
  return products.flatMap((product) =>
    Object.values(product.variants).map((v) => ({ itemId: v.item_id, productId: product.product_id, category: category(product), price: v.price, validFrom: since.toISOString() })),
  );
}

/**
 * One loyalty account per customer (balance = points earned, segment by lifetime points) and the history that
 * adds up to it, each entry with its running balance.
 */
export function loyaltyRows(customerIds: readonly string[], entries: readonly LoyaltyEntrySeed[], openedAt: Date): { accounts: LoyaltyAccountRow[]; transactions: LoyaltyTransactionRow[] } {
  const balances = new Map<string, number>(customerIds.map((id) => [id, 0]));
  const lifetime = new Map<string, number>();
  const transactions: LoyaltyTransactionRow[] = [];
  for (const entry of [...entries].sort((a, b) => a.at.localeCompare(b.at) || (a.orderId ?? '').localeCompare(b.orderId ?? ''))) {
    const signed = entry.kind === 'redeem' ? -entry.points : entry.points;
    const balance = (balances.get(entry.customerId) ?? 0) + signed;
    if (balance < 0) throw new RangeError(`loyalty of ${entry.customerId} would go negative at ${entry.at}`);
    balances.set(entry.customerId, balance);
    if (entry.kind === 'earn') lifetime.set(entry.customerId, (lifetime.get(entry.customerId) ?? 0) + entry.points);
    transactions.push({ customerId: entry.customerId, kind: entry.kind, points: signed, balanceAfter: balance, reason: entry.description, orderId: entry.orderId ?? null, createdAt: entry.at });
  }
  const accounts = [...balances].map(([customerId, balance]) => ({
    customerId,
    balance,
    segment: LOYALTY_SEGMENTS.find((s) => (lifetime.get(customerId) ?? 0) >= s.minPoints)!.segment,
    createdAt: openedAt.toISOString(),
  }));
  return { accounts, transactions };
}
