import { z } from 'zod';

/**
 * The OMS's public record format. It is exactly τ-bench's retail JSON (users, orders, products), so the
 * benchmark's tools, the import and the export share one shape; the SQL store keeps it normalised.
 */
export const addressSchema = z.object({
  address1: z.string().describe('first line, e.g. "123 Main St"'),
  address2: z.string().describe('second line, e.g. "Apt 1", or ""'),
  city: z.string().describe('city, e.g. "San Francisco"'),
  country: z.string().describe('country, e.g. "USA"'),
  state: z.string().describe('state or province, e.g. "CA"'),
  zip: z.string().describe('zip or postal code, e.g. "12345"'),
});
export type Address = z.infer<typeof addressSchema>;

export const PAYMENT_SOURCES = ['credit_card', 'paypal', 'gift_card'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

export const paymentMethodSchema = z.object({
  source: z.enum(PAYMENT_SOURCES).describe('kind of payment method'),
  id: z.string().describe('payment method id, e.g. "credit_card_1234567", "paypal_123", "gift_card_123"'),
  brand: z.string().optional().describe('credit cards only: card brand, e.g. "visa"'),
  last_four: z.string().optional().describe('credit cards only: last four digits of the card'),
  balance: z.number().optional().describe('gift cards only: remaining balance in USD'),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const userSchema = z.object({
  name: z.object({ first_name: z.string().describe('first name'), last_name: z.string().describe('last name') }).describe('customer name'),
  address: addressSchema.describe('default address'),
  email: z.string().describe('email address'),
  payment_methods: z.record(z.string(), paymentMethodSchema).describe('payment methods keyed by payment method id'),
  orders: z.array(z.string()).describe('ids of the customer\'s orders, oldest first'),
});
export type User = z.infer<typeof userSchema>;

export const variantSchema = z.object({
  item_id: z.string().describe('variant (item) id, e.g. "1008292230"'),
  options: z.record(z.string(), z.string()).describe('option name -> value, e.g. {"color": "blue", "size": "M"}'),
  available: z.boolean().describe('whether the variant can be ordered now'),
  price: z.number().describe('unit price in USD'),
});
export type Variant = z.infer<typeof variantSchema>;

export const productSchema = z.object({
  name: z.string().describe('product type name, e.g. "T-Shirt"'),
  product_id: z.string().describe('product id, e.g. "9523456873" (unrelated to item ids)'),
  variants: z.record(z.string(), variantSchema).describe('variants keyed by item id'),
});
export type Product = z.infer<typeof productSchema>;

export const orderItemSchema = z.object({
  name: z.string().describe('product name at the time of ordering'),
  product_id: z.string().describe('product id'),
  item_id: z.string().describe('variant (item) id'),
  price: z.number().describe('unit price paid in USD'),
  options: z.record(z.string(), z.string()).describe('variant options'),
  list_price: z
    .number()
    .optional()
    .describe('orders placed with create_order only: the unit list (catalog) price before discounts, in USD; changing the item charges or refunds the list-price difference'),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

export const fulfillmentSchema = z.object({
  tracking_id: z.array(z.string()).describe('courier tracking ids of this shipment'),
  item_ids: z.array(z.string()).describe('item ids shipped in it'),
});
export type Fulfillment = z.infer<typeof fulfillmentSchema>;

export const TRANSACTION_TYPES = ['payment', 'refund'] as const;
export const transactionSchema = z.object({
  transaction_type: z.enum(TRANSACTION_TYPES).describe('payment (money in) or refund (money out)'),
  amount: z.number().describe('amount in USD'),
  payment_method_id: z.string().describe('payment method charged or refunded'),
});
export type Transaction = z.infer<typeof transactionSchema>;

export const ORDER_STATUSES = [
  'pending',
  'pending (item modified)',
  'processed',
  'delivered',
  'cancelled',
  'return requested',
  'exchange requested',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderSchema = z.object({
  order_id: z.string().describe('order id, e.g. "#W0000000"'),
  user_id: z.string().describe('customer id, e.g. "sara_doe_496"'),
  address: addressSchema.describe('shipping address'),
  items: z.array(orderItemSchema).describe('one entry per unit ordered'),
  fulfillments: z.array(fulfillmentSchema).describe('shipments with their tracking ids'),
  status: z.enum(ORDER_STATUSES).describe('order status'),
  payment_history: z.array(transactionSchema).describe('payments and refunds, in order'),
  cancel_reason: z.string().optional().describe('set when cancelled through the OMS: "no longer needed" or "ordered by mistake"'),
  return_items: z.array(z.string()).optional().describe('set on "return requested": item ids to return, sorted'),
  return_payment_method_id: z.string().optional().describe('set on "return requested": where the refund goes'),
  exchange_items: z.array(z.string()).optional().describe('set on "exchange requested": item ids given back, sorted'),
  exchange_new_items: z.array(z.string()).optional().describe('set on "exchange requested": new item ids, sorted'),
  exchange_payment_method_id: z.string().optional().describe('set on "exchange requested": pays or receives the difference'),
  exchange_price_difference: z.number().optional().describe('set on "exchange requested": new minus old price, rounded to cents'),
});
export type Order = z.infer<typeof orderSchema>;

/** A customer record with its id (τ-bench keys users by id; the id is not inside the record). */
export interface CustomerRecord {
  userId: string;
  user: User;
}
