/** One line to reserve: a variant and how many units. */
export interface StockLine {
  itemId: string;
  quantity: number;
}

/**
 * How the OMS reaches the warehouse system when it places or cancels an order (the world wires it to the WMS
 * backend; a real deployment to its WMS). Both calls are idempotent per `reference` / `reservationId`.
 */
export interface InventoryPort {
  /** Reserves stock for an order; fails (CommerceError FAILED_PRECONDITION) when a line can't be covered. */
  reserve(request: { reference: string; customerId: string; lines: StockLine[] }): Promise<{ reservationId: string }>;
  /** Gives a reservation back (compensation of `reserve`, and part of cancelling an order). */
  release(request: { reservationId: string; reason: string }): Promise<void>;
}
