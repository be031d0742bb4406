import { notFound, type BackendFactory } from '@agentic-commerce/kit';
import type { InventoryPort } from '@agentic-commerce/oms';
import type { WmsBackend } from '@agentic-commerce/wms';
import type { TransactionScope } from './transaction-scope.ts';

/**
 * The OMS's InventoryPort on the WMS backend. The WMS keys reservations by order, so the handle the OMS keeps
 * (`reservationId`) is the order id.
 */
export function wmsInventoryPort(wms: BackendFactory<WmsBackend>, scope: TransactionScope, now: () => Date): InventoryPort {
  return {
    async reserve({ reference, customerId, lines }) {
      await wms(scope.current()).reserve({ orderId: reference, customerId, lines }, now());
      return { reservationId: reference };
    },
    async release({ reservationId }) {
      await wms(scope.current()).release(reservationId, now());
    },
    /**
     * The WMS has no amend, so: release, then reserve the new lines for the same order (it renews the released
     * reservation, toward the same ship-to zip); if they can't be covered, the old lines are reserved again before
     * the refusal is rethrown. In the world all of it also runs in the OMS write's transaction, which rolls back.
     */
    async replace({ reservationId, customerId, lines }) {
      const backend = wms(scope.current());
      const held = await backend.getReservation(reservationId);
      if (!held) throw notFound(`no reservation for order ${reservationId}`);
      const request = { orderId: held.orderId, customerId, shipToZip: held.shipToZip ?? undefined };
      await backend.release(reservationId, now());
      try {
        await backend.reserve({ ...request, lines }, now());
      } catch (error) {
        if (held.status === 'active') await backend.reserve({ ...request, lines: held.lines.map(({ itemId, quantity }) => ({ itemId, quantity })) }, now());
        throw error;
      }
      return { reservationId: held.orderId };
    },
  };
}
