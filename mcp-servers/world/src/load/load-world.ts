import type { Database } from '@agentic-commerce/kit';
import { sqlOmsBackend } from '@agentic-commerce/oms';
import { pricingBulkLoader } from '@agentic-commerce/pricing';
import { bulkLoadWms } from '@agentic-commerce/wms';
import { bulkLoadCourier } from '@agentic-commerce/courier';
import { createPrng } from '../generator/prng.ts';
import { loyaltyEarning } from '../loyalty-earnings.ts';
import type { WorldContent } from '../world-content.ts';
import type { LoyaltyEntrySeed } from '../world-model.ts';
import type { WorldSchemas } from '../world-schemas.ts';
import { courierNetwork, courierShipmentRows } from './courier-rows.ts';
import { orderAllocations, orderTimelines } from './oms-rows.ts';
import { loyaltyRows, variantPriceRows } from './pricing-rows.ts';
import { wmsOrderRows, wmsWarehouses } from './wms-rows.ts';

export interface LoadProgress {
  phase: 'catalog' | 'orders' | 'loyalty';
  ordersLoaded: number;
  ordersTotal: number;
}

export interface LoadOptions {
  /** Orders per transaction; defaults to 2,000. */
  batchSize?: number;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadCounts {
  customers: number;
  products: number;
  variants: number;
  orders: number;
  warehouses: number;
  stockRows: number;
  reservations: number;
  shipments: number;
  loyaltyAccounts: number;
  loyaltyTransactions: number;
  promotions: number;
  coupons: number;
}

/**
 * Loads a world into the four systems' (migrated, empty) schemas through their bulk loaders: catalog, customers,
 * warehouses, stock, prices and promotions in one transaction, then the orders batch by batch, each batch one
 * transaction across OMS, WMS and courier, and the loyalty ledger last.
 */
export async function loadWorld(db: Database, schemas: WorldSchemas, content: WorldContent, options: LoadOptions = {}): Promise<LoadCounts> {
  const batchSize = options.batchSize ?? 2000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const report = (phase: LoadProgress['phase'], ordersLoaded: number) => options.onProgress?.({ phase, ordersLoaded, ordersTotal: content.orderCount });
  const oms = sqlOmsBackend(schemas.oms);
  const pricing = pricingBulkLoader(schemas.pricing);
  const stock = content.stock();
  const counts: LoadCounts = {
    customers: content.customers.length,
    products: content.products.length,
    variants: content.products.reduce((n, p) => n + Object.keys(p.variants).length, 0),
    orders: 0,
    warehouses: content.warehouses.length,
    stockRows: stock.length,
    reservations: 0,
    shipments: 0,
    loyaltyAccounts: 0,
    loyaltyTransactions: 0,
    promotions: content.terms.promotions.length,
    coupons: content.terms.coupons.length,
  };
  report('catalog', 0);
  await db.transaction(async (tx) => {
    await oms(tx).loadProducts(content.products);
    await oms(tx).loadCustomers(content.customers);
    await bulkLoadWms(tx, schemas.wms, { warehouses: wmsWarehouses(content.warehouses), stock }, content.historyStart);
    const prices = pricing(tx);
    await prices.loadVariantPrices(variantPriceRows(content.products, content.category, content.historyStart));
    await prices.loadPromotions(content.terms.promotions);
    await prices.loadCoupons(content.terms.coupons);
    await bulkLoadCourier(tx, schemas.courier, courierNetwork(createPrng(content.name), content.customers.map((c) => c.user.address), content.asOf));
  });
  const loyalty: LoyaltyEntrySeed[] = [];
  for (const batch of content.orderBatches(batchSize)) {
    const wms = wmsOrderRows(batch.orders, batch.stories);
    const shipments = courierShipmentRows(batch.orders, batch.stories);
    await db.transaction(async (tx) => {
      await oms(tx).loadOrders(batch.orders, { timelines: orderTimelines(batch.stories), allocations: orderAllocations(batch.stories) });
      await bulkLoadWms(tx, schemas.wms, wms, content.asOf);
      await bulkLoadCourier(tx, schemas.courier, { shipments });
    });
    batch.stories.forEach((story, i) => {
      const earning = loyaltyEarning(batch.orders[i]!, story);
      if (earning) loyalty.push(earning);
    });
    counts.orders += batch.orders.length;
    counts.reservations += wms.reservations?.length ?? 0;
    counts.shipments += shipments.length;
    report('orders', counts.orders);
  }
  report('loyalty', counts.orders);
  const { accounts, transactions } = loyaltyRows(content.customers.map((c) => c.userId), loyalty, content.historyStart);
  await db.transaction(async (tx) => {
    counts.loyaltyAccounts = await pricing(tx).loadLoyaltyAccounts(accounts);
    counts.loyaltyTransactions = await pricing(tx).loadLoyaltyTransactions(transactions);
  });
  return counts;
}
