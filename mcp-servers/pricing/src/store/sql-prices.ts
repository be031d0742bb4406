import { invalidArgument, type Queryable } from '@agentic-commerce/kit';
import { toCents } from '../domain/money.ts';
import type { ListPriceInput, PricingBackend, VariantPrice } from './pricing-backend.ts';

interface PriceRow {
  item_id: string;
  product_id: string;
  category: string | null;
  price: number;
  valid_from: string;
  valid_to: string | null;
}

const toVariantPrice = (r: PriceRow): VariantPrice => ({
  itemId: r.item_id,
  productId: r.product_id,
  category: r.category,
  price: r.price,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

const SELECT = (s: string) => `SELECT p.item_id, v.product_id, v.category, p.price, p.valid_from, p.valid_to
  FROM ${s}.list_prices p JOIN ${s}.variants v ON v.item_id = p.item_id`;

type PriceMethods = Pick<PricingBackend, 'getVariantPrice' | 'getVariantPrices' | 'getPriceHistory' | 'listPriceChanges' | 'setListPrice'>;

/** List prices with validity periods: a price change closes the current period and opens a new one. */
export function sqlPrices(s: string, q: Queryable): PriceMethods {
  const at = async (itemIds: readonly string[], when: Date) =>
    (await q.query<PriceRow>(
      `${SELECT(s)} WHERE p.item_id = ANY($1::text[]) AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2) ORDER BY p.item_id`,
      [itemIds, when.toISOString()],
    )).map(toVariantPrice);
  return {
    getVariantPrice: async (itemId, when) => (await at([itemId], when))[0],
    getVariantPrices: (itemIds, when) => at(itemIds, when),
    async getPriceHistory(itemId) {
      return (await q.query<PriceRow>(`${SELECT(s)} WHERE p.item_id = $1 ORDER BY p.valid_from`, [itemId])).map(toVariantPrice);
    },
    async listPriceChanges({ since, until, limit }) {
      const rows = await q.query<PriceRow>(
        `${SELECT(s)} WHERE p.valid_from > $1 AND p.valid_from <= $2 ORDER BY p.valid_from, p.item_id LIMIT $3`,
        [since.toISOString(), until.toISOString(), limit],
      );
      return rows.map(toVariantPrice);
    },
    async setListPrice(input: ListPriceInput) {
      toCents(input.price, 'price');
      if (input.price < 0) throw invalidArgument(`price must be zero or more, got ${input.price}`);
      const from = (input.validFrom ?? new Date()).toISOString();
      await q.query(
        `INSERT INTO ${s}.variants (item_id, product_id, category) VALUES ($1, $2, $3)
         ON CONFLICT (item_id) DO UPDATE SET product_id = EXCLUDED.product_id, category = COALESCE(EXCLUDED.category, ${s}.variants.category)`,
        [input.itemId, input.productId, input.category ?? null],
      );
      const [current] = await q.query<{ valid_from: string }>(
        `SELECT valid_from FROM ${s}.list_prices WHERE item_id = $1 AND valid_to IS NULL FOR UPDATE`,
        [input.itemId],
      );
      if (current && Date.parse(current.valid_from) >= Date.parse(from)) {
        throw invalidArgument(`item ${input.itemId} already has a price from ${current.valid_from}; a new price must start after it`);
      }
      await q.query(`UPDATE ${s}.list_prices SET valid_to = $2 WHERE item_id = $1 AND valid_to IS NULL`, [input.itemId, from]);
      await q.query(`INSERT INTO ${s}.list_prices (item_id, price, valid_from) VALUES ($1, $2, $3)`, [input.itemId, input.price, from]);
      const [saved] = await at([input.itemId], new Date(from));
      if (!saved) throw new Error(`list price of ${input.itemId} was not saved`);
      return saved;
    },
  };
}
