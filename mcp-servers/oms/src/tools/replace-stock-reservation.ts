import { CommerceError, runSaga, type ToolContext } from '@agentic-commerce/kit';
import type { Order } from '../domain/records.ts';
import type { StockLine } from '../ports/inventory-port.ts';
import type { OmsPorts } from '../ports/pricing-port.ts';
import type { OmsBackend } from '../store/oms-backend.ts';

/** One line per variant with its unit count (an order repeats an item id once per unit). */
export function stockLinesOf(order: Order): StockLine[] {
  const units = new Map<string, number>();
  for (const item of order.items) units.set(item.item_id, (units.get(item.item_id) ?? 0) + 1);
  return [...units].map(([itemId, quantity]) => ({ itemId, quantity }));
}

/**
 * Records an item modification and moves the order's stock reservation (if it holds one) from the old items to
 * the new ones through the inventory port, as one saga: the reservation is replaced first (all or nothing in the
 * warehouse), then `record` persists the change; if recording fails, the reservation is put back to the old lines.
 * An order without a stock reservation (e.g. a τ-bench replay OMS with no warehouse) only records.
 */
export async function replaceStockReservation(
  ctx: ToolContext<OmsBackend>,
  ports: OmsPorts,
  change: { before: Order; after: Order; reason: string },
  record: () => Promise<void>,
): Promise<void> {
  const { before, after, reason } = change;
  const held = (await ctx.backend.getOrderAllocations(before.order_id)).filter((a) => a.kind === 'stock_reservation');
  if (held.length === 0) return record();
  const inventory = ports.inventory;
  if (!inventory) {
    throw new CommerceError('UNAVAILABLE', `this OMS is not connected to the warehouse system, which must move stock reservation ${held[0]!.reference} to the new items; try again later`);
  }
  if (held.length > 1) {
    throw new CommerceError('INTERNAL', `order ${before.order_id} holds ${held.length} stock reservations (${held.map((a) => a.reference).join(', ')}); an order holds one, so an operator must reconcile it`);
  }
  const old = held[0]!.reference;
  const request = { reference: before.order_id, customerId: before.user_id, reason };
  await runSaga(
    [
      {
        name: 'replace_stock_reservation',
        run: () => inventory.replace({ ...request, reservationId: old, lines: stockLinesOf(after) }),
        compensate: async (r: { reservationId: string }) => {
          await inventory.replace({ ...request, reservationId: r.reservationId, lines: stockLinesOf(before), reason: `${reason} (undone)` });
        },
      },
      {
        name: 'record_change',
        async run({ results }) {
          const replaced = (results.get('replace_stock_reservation') as { reservationId: string }).reservationId;
          if (replaced !== old) await ctx.backend.setOrderAllocations(before.order_id, 'stock_reservation', [replaced]);
          await record();
        },
      },
    ],
    { name: 'order.modify_items', key: ctx.idempotencyKey ?? `${before.order_id}:modify_items`, subject: { customerId: before.user_id, orderId: before.order_id } },
  );
}
