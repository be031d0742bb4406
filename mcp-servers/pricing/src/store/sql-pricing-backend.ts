import { assertSchemaName, transactionalBackend, type BackendFactory, type Queryable } from '@agentic-commerce/kit';
import type { PricingBackend } from './pricing-backend.ts';
import { sqlCoupons } from './sql-coupons.ts';
import { sqlLoyalty } from './sql-loyalty.ts';
import { sqlPrices } from './sql-prices.ts';
import { sqlQuotes } from './sql-quotes.ts';
import { sqlRules } from './sql-rules.ts';

/**
 * The reference pricing backend over SQL (PostgreSQL dialect; PGlite and PostgreSQL). `schema` is where
 * `pricingMigrations` were applied: `sqlPricingBackend('pricing')(db)`.
 */
export function sqlPricingBackend(schema: string): BackendFactory<PricingBackend> {
  assertSchemaName(schema);
  // Every change is a statement on `q`, so a write commits or rolls back with its call (kit tool.ts, `effects`).
  return transactionalBackend((q) => {
    const rules = sqlRules(schema, q);
    const prices = sqlPrices(schema, q);
    const quotes = sqlQuotes(schema, q, rules, (ids, at) => prices.getVariantPrices(ids, at));
    return {
      ...prices,
      ...quotes,
      ...sqlCoupons(schema, q, rules, quotes.getQuote),
      ...sqlLoyalty(schema, q, rules),
      savePromotion: rules.savePromotion,
      saveCoupon: rules.saveCoupon,
      getLoyaltyProgram: rules.program,
    };
  });
}
