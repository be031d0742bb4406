import type { OrderRecord, ProductRecord, UserRecord } from './tau-bench/tau-bench-records.ts';
import type { CommercialTerms } from './commercial-terms.ts';
import type { OrderStory, StockLevel, Warehouse } from './world-model.ts';

export interface OrderBatch {
  orders: OrderRecord[];
  stories: OrderStory[];
}

/**
 * A world ready to load into the four systems, whatever made it (the τ-bench import or the generator). Orders
 * come in batches so a large world never has to sit in memory whole.
 */
export interface WorldContent {
  /** e.g. "tau-bench" or "synthetic seed 42". */
  name: string;
  /** The world's "now": no record is later than it. */
  asOf: Date;
  warehouses: Warehouse[];
  products: ProductRecord[];
  customers: { userId: string; user: UserRecord }[];
  terms: CommercialTerms;
  /** The product's category for pricing rules and search (e.g. "T-Shirt"). */
  category(product: ProductRecord): string;
  /** When the history starts: loyalty accounts open and list prices take effect then. */
  historyStart: Date;
  orderCount: number;
  /** Every order exactly once, in batches of at most `size`. May be iterated again (it regenerates the same orders). */
  orderBatches(size: number): Iterable<OrderBatch>;
  /** On-hand stock per variant and warehouse, enough for every reservation the orders hold (load it first). */
  stock(): StockLevel[];
}
