/**
 * The τ-bench retail record shapes (users.json, orders.json, products.json). They are the OMS's import format,
 * so the τ-bench import and the synthetic generator both produce them.
 */
export interface Address {
  address1: string;
  address2: string;
  city: string;
  country: string;
  state: string;
  zip: string;
}

export type PaymentMethod =
  | { source: 'credit_card'; id: string; brand: string; last_four: string }
  | { source: 'paypal'; id: string }
  | { source: 'gift_card'; id: string; balance: number };

export interface UserRecord {
  name: { first_name: string; last_name: string };
  address: Address;
  email: string;
  payment_methods: Record<string, PaymentMethod>;
  orders: string[];
}

export interface VariantRecord {
  item_id: string;
  options: Record<string, string>;
  available: boolean;
  price: number;
}

export interface ProductRecord {
  name: string;
  product_id: string;
  variants: Record<string, VariantRecord>;
}

export interface OrderItemRecord {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}

export interface FulfillmentRecord {
  tracking_id: string[];
  item_ids: string[];
}

export interface PaymentRecord {
  transaction_type: 'payment' | 'refund';
  amount: number;
  payment_method_id: string;
}

export interface OrderRecord {
  order_id: string;
  user_id: string;
  address: Address;
  items: OrderItemRecord[];
  fulfillments: FulfillmentRecord[];
  /** pending, processed, delivered, cancelled, and after the tools: return requested, exchange requested, pending (items modified). */
  status: string;
  payment_history: PaymentRecord[];
  cancel_reason?: string;
  return_items?: string[];
  return_payment_method_id?: string;
  exchange_items?: string[];
  exchange_new_items?: string[];
  exchange_payment_method_id?: string;
  exchange_price_difference?: number;
}

/** The three τ-bench files, keyed by user id, order id and product id. */
export interface TauBenchData {
  users: Record<string, UserRecord>;
  orders: Record<string, OrderRecord>;
  products: Record<string, ProductRecord>;
}
