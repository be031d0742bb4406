/** One line to reserve: a variant and how many units. */
export interface StockLine {
  itemId: string;
  quantity: number;
}

/**
 * How the OMS reaches the warehouse system when it places, modifies or cancels an order (the world wires it to the
 * WMS backend; a real deployment to its WMS). Every call is idempotent per `reference` / `reservationId`.
 */
export interface InventoryPort {
  /** Reserves stock for an order; fails (CommerceError FAILED_PRECONDITION) when a line can't be covered. */
  reserve(request: { reference: string; customerId: string; lines: StockLine[] }): Promise<{ reservationId: string }>;
  /** Gives a reservation back (compensation of `reserve`, and part of cancelling an order). */
  release(request: { reservationId: string; reason: string }): Promise<void>;
  /**
   * Makes a reservation hold exactly `lines` instead of what it held (an order's items were modified): all or
   * nothing, so when the new lines can't be covered it fails (FAILED_PRECONDITION) and the old reservation stands.
   * Returns the reservation's id afterwards (the same one, or a new one the OMS records instead).
   */
  replace(request: { reservationId: string; reference: string; customerId: string; lines: StockLine[]; reason: string }): Promise<{ reservationId: string }>;
}
