import { CommerceError, notFound, runSaga, type SagaStep } from '@agentic-commerce/kit';
import { z } from 'zod';
import { newOrderId, placeOrder, shippingAddressFor } from '../domain/place-order.ts';
import { addressSchema } from '../domain/records.ts';
import type { OrderAllocation } from '../store/oms-backend.ts';
import type { OmsPorts, PricedQuote, PricingPort } from '../ports/pricing-port.ts';
import type { InventoryPort } from '../ports/inventory-port.ts';
import { customerOfCall } from './customer-of-call.ts';
import { paymentMethodIdField } from './fields.ts';
import { userFor } from './order-access.ts';
import { orderOutput } from './order-output.ts';
import { tool } from './tool.ts';

const quoteNotFound = (quoteId: string) => `quote ${quoteId} not found; create one with the pricing server's quote_cart`;

function connected(ports: OmsPorts): { pricing: PricingPort; inventory: InventoryPort } {
  if (!ports.pricing || !ports.inventory) {
    throw new CommerceError('UNAVAILABLE', 'this OMS is not connected to the pricing and warehouse systems, so it cannot place orders; try again later');
  }
  return { pricing: ports.pricing, inventory: ports.inventory };
}

async function quoteFor(pricing: PricingPort, quoteId: string, customerId: string): Promise<PricedQuote> {
  const quote = await pricing.getQuote(quoteId);
  if (!quote || quote.customerId !== customerId) throw notFound(quoteNotFound(quoteId));
  return quote;
}

const input = {
  quote_id: z.string().min(1).describe("Id of a pricing quote for this customer's cart (from the pricing server's quote_cart)."),
  payment_method_id: paymentMethodIdField.describe("The customer's payment method that pays the quote total, e.g. 'credit_card_0000000'; a gift card must cover it."),
  user_id: z.string().min(1).optional().describe("The user id, such as 'sara_doe_496'; omit it for the authenticated customer."),
  address: addressSchema.optional().describe("Shipping address; omit it to ship to the address the quote was priced for (else the customer's default). It must be in the quote's country, state and zip: tax and shipping were priced for them."),
};

/**
 * Places an order from a pricing quote: reserves stock (WMS), applies the coupon and redeems loyalty points
 * (pricing), then records the order and its payment. If a step fails, the completed ones are undone in reverse.
 */
export const createOrderTool = (ports: OmsPorts = {}) =>
  tool({
    name: 'create_order',
    title: 'Create order',
    description:
      "Place an order from a pricing quote the customer accepted: stock is reserved, the quote's coupon and loyalty points are used, and the total is charged to the payment method. Confirm the items, total, address and payment method with the customer (explicit yes) first. Returns the new pending order.",
    kind: 'write',
    action: 'order.create',
    input,
    output: orderOutput,
    compensation: { tool: 'cancel_pending_order', args: (_input, output) => ({ order_id: output.order_id, reason: 'ordered by mistake' }) },
    async assess({ quote_id, user_id }, ctx) {
      const customerId = await customerOfCall(ctx, user_id);
      await userFor(ctx, customerId, true);
      const quote = await quoteFor(connected(ports).pricing, quote_id, customerId);
      return { customerId, amount: quote.total, status: 'new', attributes: { lines: quote.lines.length } };
    },
    async handler({ quote_id, payment_method_id, user_id, address }, ctx) {
      const { pricing, inventory } = connected(ports);
      const customerId = await customerOfCall(ctx, user_id);
      const user = await userFor(ctx, customerId, true);
      const quote = await quoteFor(pricing, quote_id, customerId);
      const shipTo = shippingAddressFor(quote, address, user.address); // before anything changes
      let orderId = newOrderId();
      while (await ctx.backend.orderIdExists(orderId)) orderId = newOrderId();
      const products = await ctx.backend.getProducts([...new Set(quote.lines.map((l) => l.productId))]);
      const now = ctx.now();
      const placed = placeOrder({ orderId, userId: customerId, user, quote, products, address: shipTo, paymentMethodId: payment_method_id, now });

      const reason = `order ${orderId} was not placed`;
      const lines = quote.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity }));
      const steps: SagaStep<{ redemptionId?: string; reservationId?: string }>[] = [
        {
          name: 'reserve_stock',
          run: () => inventory.reserve({ reference: orderId, customerId, lines }),
          compensate: async (r) => inventory.release({ reservationId: r.reservationId ?? '', reason }),
        },
      ];
      const { couponCode, loyaltyPoints } = quote;
      if (couponCode) {
        steps.push({
          name: 'apply_coupon',
          run: () => pricing.applyCoupon({ quoteId: quote.quoteId, code: couponCode, customerId, reference: orderId }),
          compensate: async (r) => pricing.releaseCoupon({ redemptionId: r.redemptionId ?? '', reason }),
        });
      }
      if (loyaltyPoints && loyaltyPoints > 0) {
        steps.push({
          name: 'redeem_loyalty_points',
          run: () => pricing.redeemLoyaltyPoints({ customerId, points: loyaltyPoints, reference: orderId }),
          compensate: async (r) => pricing.restoreLoyaltyPoints({ redemptionId: r.redemptionId ?? '', reason }),
        });
      }
      steps.push({
        name: 'record_order',
        async run({ results }) {
          const ref = (step: string) => (results.get(step) as { redemptionId?: string; reservationId?: string } | undefined);
          const allocations: OrderAllocation[] = [];
          const reservation = ref('reserve_stock')?.reservationId;
          if (reservation) allocations.push({ kind: 'stock_reservation', reference: reservation });
          const coupon = ref('apply_coupon')?.redemptionId;
          if (coupon) allocations.push({ kind: 'coupon', reference: coupon });
          const points = ref('redeem_loyalty_points')?.redemptionId;
          if (points) allocations.push({ kind: 'loyalty', reference: points });
          await ctx.backend.insertOrder(placed.order, { placedAt: now, allocations, giftCardBalances: placed.giftCardBalances });
          return {};
        },
      });
      // the kit's saga undoes the completed steps in reverse when a later one fails, records each compensation with
      // this call's ledger entries, then rethrows its error
      await runSaga(steps, { name: 'order.create', key: ctx.idempotencyKey ?? orderId, subject: { customerId, orderId } });
      return placed.order;
    },
  });
