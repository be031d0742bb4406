import type { OrderChange } from '../domain/order-change.ts';
import type { Address, Order, OrderStatus, Product, User } from '../domain/records.ts';

/** When an order was placed and delivered, when the OMS knows (τ-bench data has no timestamps). */
export interface OrderTimeline {
  placedAt?: string | undefined;
  deliveredAt?: string | undefined;
}

export interface OrderSummary {
  orderId: string;
  status: OrderStatus;
  itemCount: number;
  total: number;
  placedAt: string | undefined;
}

/** Something create_order took from another system and must give back if the order is cancelled. */
export interface OrderAllocation {
  kind: 'stock_reservation' | 'coupon' | 'loyalty';
  reference: string;
}

/** What a bulk load knows about its orders beyond the records: timelines, and what each took from other systems. */
export interface OrderLoadExtras {
  timelines?: ReadonlyMap<string, OrderTimeline> | undefined;
  /** By order id: e.g. the WMS reservation an imported pending order holds, so cancelling or modifying it adjusts the stock. */
  allocations?: ReadonlyMap<string, readonly OrderAllocation[]> | undefined;
}

export interface ChangedRecordIds {
  users: string[];
  orders: string[];
  products: string[];
}

/**
 * What an adapter to a real OMS implements. Records use the OMS's public shape (`domain/records.ts`).
 * Reads with `lock` hold the row until the surrounding write transaction ends.
 */
export interface OmsBackend {
  findCustomerIdByEmail(email: string): Promise<string | undefined>;
  findCustomerIdByNameZip(firstName: string, lastName: string, zip: string): Promise<string | undefined>;
  getCustomer(userId: string, options?: { lock?: boolean }): Promise<User | undefined>;
  getOrder(orderId: string, options?: { lock?: boolean }): Promise<Order | undefined>;
  getOrderTimeline(orderId: string): Promise<OrderTimeline | undefined>;
  getOrderAllocations(orderId: string): Promise<OrderAllocation[]>;
  listCustomerOrders(userId: string, filter: { statuses?: readonly OrderStatus[] | undefined; limit: number; offset: number }): Promise<OrderSummary[]>;
  getProduct(productId: string): Promise<Product | undefined>;
  listProductTypes(): Promise<{ name: string; product_id: string }[]>;

  /** Persists what a domain rule decided, in the caller's transaction. */
  applyOrderChange(change: OrderChange, at: Date): Promise<void>;
  setCustomerAddress(userId: string, address: Address): Promise<void>;
  setVariantAvailability(itemId: string, available: boolean): Promise<void>;
  /** Adds a new order (and appends it to its customer's order list); gift-card balances in `balances` are set too. */
  insertOrder(order: Order, meta: { placedAt: Date; allocations: OrderAllocation[]; giftCardBalances: { paymentMethodId: string; balance: number }[] }): Promise<void>;
  orderIdExists(orderId: string): Promise<boolean>;
  /** Replaces the order's allocations of one kind (e.g. the stock reservation after an item modification). */
  setOrderAllocations(orderId: string, kind: OrderAllocation['kind'], references: readonly string[]): Promise<void>;

  /** Bulk loading (imports, generators): one statement per table and chunk, never a row at a time. */
  loadCustomers(customers: readonly { userId: string; user: User }[]): Promise<void>;
  loadProducts(products: readonly Product[]): Promise<void>;
  loadOrders(orders: readonly Order[], extras?: OrderLoadExtras): Promise<void>;

  /** Full records by id (all when `ids` is omitted), for export and grading. */
  getCustomers(ids?: readonly string[]): Promise<Map<string, User>>;
  getOrders(ids?: readonly string[]): Promise<Map<string, Order>>;
  getProducts(ids?: readonly string[]): Promise<Map<string, Product>>;
  /** Records changed through this backend since they were loaded. */
  changedRecordIds(): Promise<ChangedRecordIds>;
}
