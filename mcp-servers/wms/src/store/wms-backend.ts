import type {
  Fulfillment,
  FulfillmentStatus,
  LowStockItem,
  MovementReason,
  Reservation,
  ReservationRequest,
  StockLevel,
  StockMovement,
  Warehouse,
} from '../domain/types.ts';

export interface LowStockQuery {
  /** Threshold for variants without their own; a variant is low when available <= threshold. */
  defaultThreshold: number;
  /** Count only this warehouse's stock. */
  warehouseId?: string | undefined;
  limit: number;
}

export interface StockAdjustment {
  itemId: string;
  warehouseId: string;
  /** Change of on-hand units (positive: receipt; negative: shrinkage). Available stock never goes negative. */
  delta: number;
  reason: Extract<MovementReason, 'receipt' | 'adjustment'>;
  reference?: string | undefined;
}

export interface MovementQuery {
  /** Only movements after this id: a change feed for consumers (e.g. the catalog index) that keep a cursor. */
  afterId?: number | undefined;
  itemId?: string | undefined;
  warehouseId?: string | undefined;
  reference?: string | undefined;
  limit: number;
}

/**
 * The warehouse system as the MCP tools see it. The reference implementation is `sqlWmsBackend`; an adapter
 * for a real WMS implements the same interface. Refusals are CommerceErrors and change nothing.
 */
export interface WmsBackend {
  listWarehouses(): Promise<Warehouse[]>;
  /** Stock of one variant in every warehouse that stocks it (or in one). Empty when the WMS does not know the variant. */
  getStock(itemId: string, warehouseId?: string): Promise<StockLevel[]>;
  /** Available units per variant over all warehouses, for the given ids (unknown ids map to 0). */
  availability(itemIds: readonly string[]): Promise<Map<string, number>>;
  /** Whether at least one unit of the variant is available to sell. */
  isAvailable(itemId: string): Promise<boolean>;
  getReservation(orderId: string): Promise<Reservation | undefined>;
  /**
   * Reserves stock for a pending order, allocating warehouses with `allocate`. Idempotent by order id: the same
   * lines again return the active reservation; other lines are a CONFLICT; a released reservation is renewed.
   * `created` says whether this call held the units (new or renewed): false when they were already held, so a
   * compensation of this call has nothing to release.
   */
  reserve(request: ReservationRequest, at: Date): Promise<Reservation & { created: boolean }>;
  /** Returns reserved units to available stock. Releasing a released reservation returns it unchanged. */
  release(orderId: string, at: Date): Promise<Reservation>;
  /** The order shipped: its reserved units leave on-hand stock. */
  consume(orderId: string, at: Date): Promise<Reservation>;
  adjust(adjustment: StockAdjustment, at: Date): Promise<StockLevel>;
  /** Sets (or with null clears) a variant's own low-stock threshold. */
  setLowStockThreshold(itemId: string, threshold: number | null): Promise<void>;
  listLowStock(query: LowStockQuery): Promise<LowStockItem[]>;
  getFulfillment(trackingId: string): Promise<Fulfillment | undefined>;
  listFulfillments(orderId: string): Promise<Fulfillment[]>;
  /** Moves a parcel forward through pending -> picking -> packed -> shipped. */
  advanceFulfillment(trackingId: string, status: FulfillmentStatus, at: Date): Promise<Fulfillment>;
  /** Movements in id order (append-only, so `afterId` + `limit` pages through every change exactly once). */
  listMovements(query: MovementQuery): Promise<StockMovement[]>;
}
