import { notFound, type Queryable } from '@agentic-commerce/kit';
import { toCoupon, toPromotion, type CouponDefinition, type EligibilityDefinition, type PromotionDefinition } from '../domain/definitions.ts';
import { toCents } from '../domain/money.ts';
import type { Coupon, CouponUsage, LoyaltyProgram, Promotion, ShippingRate, TaxRate } from '../domain/types.ts';

interface PromotionRow {
  id: string;
  name: string;
  kind: Promotion['kind'];
  scope: Promotion['scope'];
  value: number;
  buy_quantity: number | null;
  get_quantity: number | null;
  starts_at: string;
  ends_at: string | null;
  eligibility: EligibilityDefinition;
}

interface CouponRow {
  code: string;
  description: string;
  kind: Coupon['kind'];
  value: number;
  starts_at: string;
  ends_at: string | null;
  total_limit: number | null;
  per_customer_limit: number | null;
  eligibility: EligibilityDefinition;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export const promotionFromRow = (r: PromotionRow): Promotion =>
  toPromotion({ id: r.id, name: r.name, kind: r.kind, scope: r.scope, value: r.value, buyQuantity: orUndefined(r.buy_quantity), getQuantity: orUndefined(r.get_quantity), startsAt: r.starts_at, endsAt: orUndefined(r.ends_at), eligibility: r.eligibility });

export const couponFromRow = (r: CouponRow): Coupon =>
  toCoupon({ code: r.code, description: r.description, kind: r.kind, value: r.value, startsAt: r.starts_at, endsAt: orUndefined(r.ends_at), totalLimit: orUndefined(r.total_limit), perCustomerLimit: orUndefined(r.per_customer_limit), eligibility: r.eligibility });

/** Promotions, coupons, loyalty program, shipping and tax tables: the rules a quote is computed from. */
export function sqlRules(s: string, q: Queryable) {
  return {
    async savePromotion(definition: PromotionDefinition): Promise<void> {
      const p = toPromotion(definition);
      await q.query(
        `INSERT INTO ${s}.promotions (id, name, kind, scope, value, buy_quantity, get_quantity, starts_at, ends_at, eligibility)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, scope = EXCLUDED.scope, value = EXCLUDED.value,
           buy_quantity = EXCLUDED.buy_quantity, get_quantity = EXCLUDED.get_quantity, starts_at = EXCLUDED.starts_at,
           ends_at = EXCLUDED.ends_at, eligibility = EXCLUDED.eligibility`,
        [p.id, p.name, p.kind, p.scope, definition.value, p.buyQuantity ?? null, p.getQuantity ?? null, p.startsAt, p.endsAt ?? null, JSON.stringify(definition.eligibility ?? {})],
      );
    },
    async saveCoupon(definition: CouponDefinition): Promise<void> {
      const c = toCoupon(definition);
      await q.query(
        `INSERT INTO ${s}.coupons (code, description, kind, value, starts_at, ends_at, total_limit, per_customer_limit, eligibility)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
         ON CONFLICT (code) DO UPDATE SET description = EXCLUDED.description, kind = EXCLUDED.kind, value = EXCLUDED.value,
           starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, total_limit = EXCLUDED.total_limit,
           per_customer_limit = EXCLUDED.per_customer_limit, eligibility = EXCLUDED.eligibility`,
        [c.code, c.description, c.kind, definition.value, c.startsAt, c.endsAt ?? null, c.totalLimit ?? null, c.perCustomerLimit ?? null, JSON.stringify(definition.eligibility ?? {})],
      );
    },
    /** Promotions whose window contains `now`. */
    async activePromotions(now: Date): Promise<Promotion[]> {
      const rows = await q.query<PromotionRow>(
        `SELECT * FROM ${s}.promotions WHERE starts_at <= $1 AND (ends_at IS NULL OR ends_at > $1) ORDER BY id`,
        [now.toISOString()],
      );
      return rows.map(promotionFromRow);
    },
    /** The coupon, locked for the rest of the transaction when `lock` (serialises concurrent uses of one code). */
    async coupon(code: string, lock = false): Promise<Coupon | undefined> {
      const [row] = await q.query<CouponRow>(`SELECT * FROM ${s}.coupons WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code.trim().toUpperCase()]);
      return row && couponFromRow(row);
    },
    async couponUsage(code: string, customerId: string): Promise<CouponUsage> {
      const [row] = await q.query<{ total: number; by_customer: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE customer_id = $2)::int AS by_customer
         FROM ${s}.coupon_redemptions WHERE code = $1 AND released_at IS NULL`,
        [code.trim().toUpperCase(), customerId],
      );
      return { total: row?.total ?? 0, byCustomer: row?.by_customer ?? 0 };
    },
    async program(): Promise<LoyaltyProgram> {
      const [row] = await q.query<{ earn_points_per_dollar: number; point_value: number; quote_ttl_minutes: number }>(`SELECT * FROM ${s}.loyalty_program`);
      if (!row) throw new Error(`${s}.loyalty_program has no row; run the pricing migrations`);
      return { earnPointsPerDollar: row.earn_points_per_dollar, pointValue: row.point_value, quoteTtlMinutes: row.quote_ttl_minutes };
    },
    async shippingRate(serviceLevel: string): Promise<ShippingRate> {
      const rows = await q.query<{ service_level: string; description: string; flat_rate: number; free_above: number | null }>(
        `SELECT * FROM ${s}.shipping_rates ORDER BY flat_rate`,
      );
      const row = rows.find((r) => r.service_level === serviceLevel);
      if (!row) throw notFound(`no shipping service level "${serviceLevel}"; choose one of: ${rows.map((r) => r.service_level).join(', ')}`);
      return {
        serviceLevel: row.service_level,
        description: row.description,
        flatCents: toCents(row.flat_rate),
        freeAboveCents: row.free_above === null ? undefined : toCents(row.free_above),
      };
    },
    async taxRates(): Promise<TaxRate[]> {
      return q.query<TaxRate>(`SELECT state, rate FROM ${s}.tax_rates ORDER BY state`);
    },
  };
}
export type SqlRules = ReturnType<typeof sqlRules>;
