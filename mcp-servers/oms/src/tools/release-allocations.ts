import { CommerceError } from '@agentic-commerce/kit';
import type { OrderAllocation } from '../store/oms-backend.ts';
import type { OmsPorts } from '../ports/pricing-port.ts';

/**
 * Gives back what an order took from other systems (stock, coupon, loyalty points). Each port call is idempotent,
 * so when one fails the whole cancellation is refused and can be retried safely.
 */
export async function releaseAllocations(ports: OmsPorts, allocations: readonly OrderAllocation[], reason: string): Promise<void> {
  for (const allocation of allocations) {
    const port = allocation.kind === 'stock_reservation' ? ports.inventory : ports.pricing;
    if (!port) {
      throw new CommerceError('UNAVAILABLE', `this OMS is not connected to the ${allocation.kind === 'stock_reservation' ? 'warehouse' : 'pricing'} system, which must release ${allocation.kind} ${allocation.reference}; try again later`);
    }
    if (allocation.kind === 'stock_reservation') await ports.inventory?.release({ reservationId: allocation.reference, reason });
    if (allocation.kind === 'coupon') await ports.pricing?.releaseCoupon({ redemptionId: allocation.reference, reason });
    if (allocation.kind === 'loyalty') await ports.pricing?.restoreLoyaltyPoints({ redemptionId: allocation.reference, reason });
  }
}
