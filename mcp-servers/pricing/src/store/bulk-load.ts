import { assertSchemaName, invalidArgument, type Queryable } from '@agentic-commerce/kit';
import { toCoupon, toPromotion, type CouponDefinition, type PromotionDefinition } from '../domain/definitions.ts';
import { toCents } from '../domain/money.ts';
import type { LoyaltyKind } from './pricing-backend.ts';

/** Rows per statement: each column travels as one array parameter (`unnest`), so a chunk is one round trip. */
export const BULK_CHUNK = 5000;

export interface VariantPriceRow {
  itemId: string;
  productId: string;
  category?: string | null | undefined;
  price: number;
  /** Defaults to the Unix epoch (the price has always applied). */
  validFrom?: string | undefined;
  /** Exclusive end for a historical price; omit for the current one. */
  validTo?: string | undefined;
}

export interface LoyaltyAccountRow {
  customerId: string;
  segment?: string | undefined;
  balance: number;
  createdAt?: string | undefined;
}

export interface LoyaltyTransactionRow {
  customerId: string;
  kind: LoyaltyKind;
  points: number;
  balanceAfter: number;
  reason: string;
  orderId?: string | null | undefined;
  createdAt: string;
}

export interface CouponRedemptionRow {
  orderId: string;
  code: string;
  customerId: string;
  discount: number;
  appliedAt: string;
  releasedAt?: string | null | undefined;
}

async function inChunks<T>(rows: readonly T[], load: (chunk: readonly T[]) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < rows.length; i += BULK_CHUNK) await load(rows.slice(i, i + BULK_CHUNK));
  return rows.length;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * Fast loaders for seeding (τ-bench import, the synthetic world): multi-row `INSERT ... SELECT FROM unnest(...)`,
 * validated like the single-row paths. Each returns the number of rows loaded. Run them inside a transaction
 * for all-or-nothing loads.
 */
export function pricingBulkLoader(schema: string) {
  const s = assertSchemaName(schema);
  return (q: Queryable) => ({
    /** Variants and their list prices (current and historical). Variants already known keep their product. */
    loadVariantPrices: (rows: readonly VariantPriceRow[]) =>
      inChunks(rows, async (chunk) => {
        for (const r of chunk) if (toCents(r.price, `price of item ${r.itemId}`) < 0) throw invalidArgument(`price of item ${r.itemId} is ${r.price}; prices are 0 or more`);
        await q.query(
          `INSERT INTO ${s}.variants (item_id, product_id, category)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS t(item_id, product_id, category)
           ON CONFLICT (item_id) DO NOTHING`,
          [chunk.map((r) => r.itemId), chunk.map((r) => r.productId), chunk.map((r) => r.category ?? null)],
        );
        await q.query(
          `INSERT INTO ${s}.list_prices (item_id, price, valid_from, valid_to)
           SELECT * FROM unnest($1::text[], $2::numeric[], $3::timestamptz[], $4::timestamptz[])`,
          [chunk.map((r) => r.itemId), chunk.map((r) => r.price), chunk.map((r) => r.validFrom ?? EPOCH), chunk.map((r) => r.validTo ?? null)],
        );
      }),
    loadLoyaltyAccounts: (rows: readonly LoyaltyAccountRow[]) =>
      inChunks(rows, (chunk) =>
        q.query(
          `INSERT INTO ${s}.loyalty_accounts (customer_id, segment, balance, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[])`,
          [chunk.map((r) => r.customerId), chunk.map((r) => r.segment ?? 'standard'), chunk.map((r) => r.balance), chunk.map((r) => r.createdAt ?? new Date().toISOString())],
        ),
      ),
    /** History rows; `balanceAfter` must be consistent with the account balance the caller loads. */
    loadLoyaltyTransactions: (rows: readonly LoyaltyTransactionRow[]) =>
      inChunks(rows, (chunk) =>
        q.query(
          `INSERT INTO ${s}.loyalty_transactions (customer_id, kind, points, balance_after, reason, order_id, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::timestamptz[])`,
          [
            chunk.map((r) => r.customerId), chunk.map((r) => r.kind), chunk.map((r) => r.points), chunk.map((r) => r.balanceAfter),
            chunk.map((r) => r.reason), chunk.map((r) => r.orderId ?? null), chunk.map((r) => r.createdAt),
          ],
        ),
      ),
    loadPromotions: (definitions: readonly PromotionDefinition[]) =>
      inChunks(definitions, (chunk) => {
        const promotions = chunk.map((d) => ({ d, p: toPromotion(d) }));
        return q.query(
          `INSERT INTO ${s}.promotions (id, name, kind, scope, value, buy_quantity, get_quantity, starts_at, ends_at, eligibility)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::int[], $7::int[], $8::timestamptz[], $9::timestamptz[], $10::jsonb[])`,
          [
            promotions.map(({ p }) => p.id), promotions.map(({ p }) => p.name), promotions.map(({ p }) => p.kind), promotions.map(({ p }) => p.scope),
            promotions.map(({ d }) => d.value), promotions.map(({ p }) => p.buyQuantity ?? null), promotions.map(({ p }) => p.getQuantity ?? null),
            promotions.map(({ p }) => p.startsAt), promotions.map(({ p }) => p.endsAt ?? null), promotions.map(({ d }) => JSON.stringify(d.eligibility ?? {})),
          ],
        );
      }),
    loadCoupons: (definitions: readonly CouponDefinition[]) =>
      inChunks(definitions, (chunk) => {
        const coupons = chunk.map((d) => ({ d, c: toCoupon(d) }));
        return q.query(
          `INSERT INTO ${s}.coupons (code, description, kind, value, starts_at, ends_at, total_limit, per_customer_limit, eligibility)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::int[], $9::jsonb[])`,
          [
            coupons.map(({ c }) => c.code), coupons.map(({ c }) => c.description), coupons.map(({ c }) => c.kind), coupons.map(({ d }) => d.value),
            coupons.map(({ c }) => c.startsAt), coupons.map(({ c }) => c.endsAt ?? null), coupons.map(({ c }) => c.totalLimit ?? null),
            coupons.map(({ c }) => c.perCustomerLimit ?? null), coupons.map(({ d }) => JSON.stringify(d.eligibility ?? {})),
          ],
        );
      }),
    loadCouponRedemptions: (rows: readonly CouponRedemptionRow[]) =>
      inChunks(rows, (chunk) =>
        q.query(
          `INSERT INTO ${s}.coupon_redemptions (order_id, code, customer_id, discount, applied_at, released_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::timestamptz[], $6::timestamptz[])`,
          [
            chunk.map((r) => r.orderId), chunk.map((r) => r.code.toUpperCase()), chunk.map((r) => r.customerId), chunk.map((r) => r.discount),
            chunk.map((r) => r.appliedAt), chunk.map((r) => r.releasedAt ?? null),
          ],
        ),
      ),
  });
}
export type PricingBulkLoader = ReturnType<ReturnType<typeof pricingBulkLoader>>;
