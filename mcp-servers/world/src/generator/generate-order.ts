import { warehouseLocation } from './warehouses.ts';
import { trackingTimeline } from '../shipment-timeline.ts';
import { allocateLines, type StockLayout } from '../stock-layout.ts';
import type { FulfillmentRecord, OrderItemRecord, OrderRecord, PaymentRecord, ProductRecord } from '../tau-bench/tau-bench-records.ts';
import type { OrderStory, ReservationStory, ShipmentStory, Warehouse } from '../world-model.ts';
import type { GeneratedCustomer } from './generate-customers.ts';
import { planOrder } from './order-plan.ts';
import type { Prng } from './prng.ts';
import { MAX_PARCELS_PER_ORDER, type worldIds } from './world-ids.ts';

const HOUR = 3_600_000;

/** What every order of a world draws on. */
export interface OrderContext {
  prng: Prng;
  ids: ReturnType<typeof worldIds>;
  asOf: Date;
  customers: readonly GeneratedCustomer[];
  products: readonly ProductRecord[];
  layout: StockLayout;
  warehouses: ReadonlyMap<string, Warehouse>;
}

/** Who placed order `index` and how many hours before `asOf`: cheap, so customers' order lists can be built first. */
export interface OrderHeader {
  index: number;
  customerIndex: number;
  ageHours: number;
}

export function orderHeader(prng: Prng, index: number, customers: number, days: number): OrderHeader {
  const stream = prng.fork('order-head', index);
  // Three orders in ten come from the first tenth of customers (the regulars); the rest from anyone.
  const pool = stream.chance(0.3) ? Math.max(1, Math.ceil(customers / 10)) : customers;
  const customerIndex = Math.floor(stream.next() * pool);
  return { index, customerIndex, ageHours: stream.next() * days * 24 };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function pickItems(prng: Prng, products: readonly ProductRecord[]): OrderItemRecord[] {
  const lines = Number(prng.weighted({ 1: 30, 2: 25, 3: 20, 4: 15, 5: 10 }));
  return Array.from({ length: lines }, () => {
    const product = prng.pick(products);
    const variant = prng.pick(Object.values(product.variants));
    return { name: product.name, product_id: product.product_id, item_id: variant.item_id, price: variant.price, options: { ...variant.options } };
  });
}

/** Splits shipped lines into parcels: one per warehouse, sometimes two from one warehouse (never more parcels than lines). */
function parcels(prng: Prng, lines: readonly { itemId: string; warehouseId: string }[]): { warehouseId: string; itemIds: string[] }[] {
  const byWarehouse = new Map<string, string[]>();
  for (const line of lines) byWarehouse.set(line.warehouseId, [...(byWarehouse.get(line.warehouseId) ?? []), line.itemId]);
  const result = [...byWarehouse].map(([warehouseId, itemIds]) => ({ warehouseId, itemIds }));
  const first = result[0];
  if (result.length === 1 && first && first.itemIds.length > 1 && prng.chance(0.1)) {
    result.push({ warehouseId: first.warehouseId, itemIds: first.itemIds.splice(1 + prng.int(0, first.itemIds.length - 2)) });
  }
  if (result.length > MAX_PARCELS_PER_ORDER) throw new RangeError(`an order splits into at most ${MAX_PARCELS_PER_ORDER} parcels, got ${result.length}`);
  return result;
}

function exchangeFields(prng: Prng, items: OrderItemRecord[], products: readonly ProductRecord[], methodId: string): Partial<OrderRecord> | undefined {
  const byId = new Map(products.map((p) => [p.product_id, p]));
  const swaps = items.flatMap((item) => {
    const others = Object.values(byId.get(item.product_id)?.variants ?? {}).filter((v) => v.available && v.item_id !== item.item_id);
    return others.length > 0 ? [{ old: item, next: prng.pick(others) }] : [];
  });
  if (swaps.length === 0) return undefined;
  const chosen = swaps.slice(0, prng.int(1, swaps.length));
  return {
    exchange_items: chosen.map((s) => s.old.item_id).sort(),
    exchange_new_items: chosen.map((s) => s.next.item_id).sort(),
    exchange_payment_method_id: methodId,
    exchange_price_difference: round2(chosen.reduce((sum, s) => sum + s.next.price - s.old.price, 0)),
  };
}

/** Order number `header.index`: its OMS record and its story (parcels with tracking, reservations still held). */
export function generateOrder(ctx: OrderContext, header: OrderHeader): { order: OrderRecord; story: OrderStory } {
  const prng = ctx.prng.fork('order', header.index);
  const customer = ctx.customers[header.customerIndex]!;
  const orderId = ctx.ids.orderId(header.index);
  const placedAt = new Date(ctx.asOf.getTime() - Math.round(header.ageHours * HOUR));
  const items = pickItems(prng, ctx.products);
  const plan = planOrder(prng, header.ageHours, items.length);
  const method = prng.pick(Object.values(customer.user.payment_methods));
  const total = round2(items.reduce((sum, item) => sum + item.price, 0));
  const payments: PaymentRecord[] = [{ transaction_type: 'payment', amount: total, payment_method_id: method.id }];
  if (plan.status === 'cancelled') payments.push({ transaction_type: 'refund', amount: total, payment_method_id: method.id });

  const lines = allocateLines(prng, ctx.layout, items.map((item) => item.item_id));
  const shippedCount = plan.status === 'pending' || plan.status === 'cancelled' ? 0 : plan.partial ? prng.int(1, lines.length - 1) : lines.length;
  const destination = `${customer.user.address.city}, ${customer.user.address.state}`;
  const fulfillments: FulfillmentRecord[] = [];
  const shipments: ShipmentStory[] = parcels(prng, lines.slice(0, shippedCount)).map((parcel, p) => {
    const trackingId = ctx.ids.trackingId(header.index, p);
    fulfillments.push({ tracking_id: [trackingId], item_ids: [...parcel.itemIds] });
    const events = trackingTimeline(prng, {
      start: new Date(placedAt.getTime() + prng.int(4, 20) * HOUR).toISOString(),
      outcome: plan.parcelOutcome(),
      origin: warehouseLocation(ctx.warehouses.get(parcel.warehouseId)!),
      destination,
      notAfter: ctx.asOf.toISOString(),
    });
    return { trackingId, orderId, warehouseId: parcel.warehouseId, itemIds: parcel.itemIds, events };
  });
  const reservations: ReservationStory[] =
    plan.status === 'pending' || plan.status === 'processed' ? lines.slice(shippedCount).map((l) => ({ orderId, ...l, quantity: 1 })) : [];

  const order: OrderRecord = { order_id: orderId, user_id: customer.userId, address: { ...customer.user.address }, items, fulfillments, status: plan.status, payment_history: payments };
  const exchange = plan.status === 'exchange requested' ? exchangeFields(prng, items, ctx.products, method.id) : undefined;
  if (exchange) Object.assign(order, exchange);
  else if (plan.status === 'exchange requested' || plan.status === 'return requested') {
    Object.assign(order, { status: 'return requested', return_items: prng.sample(items, prng.int(1, items.length)).map((i) => i.item_id).sort(), return_payment_method_id: method.id });
  }
  return { order, story: { orderId, customerId: customer.userId, placedAt: placedAt.toISOString(), shipments, reservations } };
}
