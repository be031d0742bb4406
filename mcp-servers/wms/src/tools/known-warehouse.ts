import { notFound, type ToolContext } from '@agentic-commerce/kit';
import type { WmsBackend } from '../store/wms-backend.ts';

/** Refuses an unknown warehouse id, listing the valid ones (warehouses are not customer data). */
export async function assertKnownWarehouse(warehouseId: string | undefined, ctx: ToolContext<WmsBackend>): Promise<void> {
  if (warehouseId === undefined) return;
  const warehouses = await ctx.backend.listWarehouses();
  if (!warehouses.some((w) => w.id === warehouseId)) {
    throw notFound(`no warehouse ${warehouseId}; warehouses are ${warehouses.map((w) => w.id).join(', ') || '(none loaded)'}`);
  }
}
