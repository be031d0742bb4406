import type { BackendFactory } from '@agentic-commerce/kit';
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
  };
}
