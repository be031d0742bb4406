/**
 * The τ-bench retail record shapes (users.json, orders.json, products.json). They are the OMS's import format
 * (defined by the OMS package), so the τ-bench import and the synthetic generator both produce them.
 */
export type {
  Address,
  PaymentMethod,
  User as UserRecord,
  Variant as VariantRecord,
  Product as ProductRecord,
  OrderItem as OrderItemRecord,
  Fulfillment as FulfillmentRecord,
  Transaction as PaymentRecord,
  Order as OrderRecord,
  TauState as TauBenchData,
} from '@agentic-commerce/oms';
