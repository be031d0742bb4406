import { isTransactionalBackend, transactionalBackend, type BackendFactory } from '@agentic-commerce/kit';
import type { OmsBackend } from '@agentic-commerce/oms';
import type { WmsBackend } from '@agentic-commerce/wms';

/**
 * The OMS catalog says a variant is available exactly when some warehouse has unreserved stock. In the reference
 * world the WMS is the source of that truth, so every WMS change of free stock (a reservation made, released or
 * replaced by an order, a stock adjustment, whoever calls it: the OMS port, a WMS tool, the simulator) updates the
 * catalog flag of the variants it touched, in the same transaction. A real deployment does the same from the
 * WMS's movement feed (`listMovements`). Transactional (kit tool.ts) when both backends are: both run on `q`.
 */
export function catalogSyncingWms(wms: BackendFactory<WmsBackend>, oms: BackendFactory<OmsBackend>): BackendFactory<WmsBackend> {
  const factory: BackendFactory<WmsBackend> = (q) => {
    const backend = wms(q);
    const sync = async (itemIds: readonly string[]) => {
      const ids = [...new Set(itemIds)];
      if (ids.length === 0) return;
      const free = await backend.availability(ids);
      const catalog = oms(q);
      for (const id of ids) await catalog.setVariantAvailability(id, (free.get(id) ?? 0) > 0);
    };
    return {
      ...backend,
      async reserve(request, at) {
        const reservation = await backend.reserve(request, at);
        await sync(request.lines.map((l) => l.itemId));
        return reservation;
      },
      async release(orderId, at) {
        const reservation = await backend.release(orderId, at);
        await sync(reservation.lines.map((l) => l.itemId));
        return reservation;
      },
      async adjust(adjustment, at) {
        const level = await backend.adjust(adjustment, at);
        await sync([adjustment.itemId]);
        return level;
      },
    };
  };
  return isTransactionalBackend(wms) && isTransactionalBackend(oms) ? transactionalBackend(factory) : factory;
}
