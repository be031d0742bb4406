import type { Migration } from '@agentic-commerce/kit';

/**
 * The OMS schema. `revision` on customers, products and orders counts the changes made through the backend
 * since loading (0 = as loaded); it lets a replay find and restore exactly what a run changed.
 */
export const omsMigrations: Migration[] = [
  {
    version: 1,
    name: 'customers, catalog, orders, payments, fulfillments, after-sales',
    up: (s) => `
      CREATE TABLE ${s}.customers (
        id text PRIMARY KEY,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text NOT NULL,
        address1 text NOT NULL, address2 text NOT NULL, city text NOT NULL, state text NOT NULL, country text NOT NULL, zip text NOT NULL,
        revision integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX customers_email ON ${s}.customers (lower(email));
      CREATE INDEX customers_name_zip ON ${s}.customers (lower(first_name), lower(last_name), zip);

      CREATE TABLE ${s}.payment_methods (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES ${s}.customers (id) ON DELETE CASCADE,
        position integer NOT NULL,
        source text NOT NULL CHECK (source IN ('credit_card', 'paypal', 'gift_card')),
        brand text,
        last_four text,
        balance numeric(12, 2) CHECK (balance IS NULL OR source = 'gift_card'),
        UNIQUE (customer_id, position)
      );

      CREATE TABLE ${s}.products (
        id text PRIMARY KEY,
        name text NOT NULL,
        position integer NOT NULL,
        revision integer NOT NULL DEFAULT 0
      );
      CREATE TABLE ${s}.variants (
        item_id text PRIMARY KEY,
        product_id text NOT NULL REFERENCES ${s}.products (id) ON DELETE CASCADE,
        position integer NOT NULL,
        options jsonb NOT NULL,
        available boolean NOT NULL,
        price numeric(12, 2) NOT NULL CHECK (price >= 0)
      );
      CREATE INDEX variants_product ON ${s}.variants (product_id, position);

      CREATE TABLE ${s}.orders (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES ${s}.customers (id),
        customer_position integer NOT NULL,
        address1 text NOT NULL, address2 text NOT NULL, city text NOT NULL, state text NOT NULL, country text NOT NULL, zip text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'pending (item modified)', 'processed', 'delivered', 'cancelled', 'return requested', 'exchange requested')),
        placed_at timestamptz,
        delivered_at timestamptz,
        revision integer NOT NULL DEFAULT 0
      );
      CREATE INDEX orders_customer ON ${s}.orders (customer_id, customer_position);

      CREATE TABLE ${s}.order_items (
        order_id text NOT NULL REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        position integer NOT NULL,
        item_id text NOT NULL,
        product_id text NOT NULL,
        name text NOT NULL,
        price numeric(12, 2) NOT NULL,
        options jsonb NOT NULL,
        PRIMARY KEY (order_id, position)
      );
      CREATE TABLE ${s}.fulfillments (
        order_id text NOT NULL REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        position integer NOT NULL,
        tracking_ids text[] NOT NULL,
        item_ids text[] NOT NULL,
        PRIMARY KEY (order_id, position)
      );
      CREATE INDEX fulfillments_tracking ON ${s}.fulfillments USING gin (tracking_ids);
      -- amount keeps full precision: an item modification records the unrounded price difference
      CREATE TABLE ${s}.payment_transactions (
        order_id text NOT NULL REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        transaction_type text NOT NULL CHECK (transaction_type IN ('payment', 'refund')),
        amount numeric NOT NULL CHECK (amount >= 0),
        payment_method_id text NOT NULL,
        created_at timestamptz,
        PRIMARY KEY (order_id, seq)
      );

      CREATE TABLE ${s}.cancellations (
        order_id text PRIMARY KEY REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        reason text NOT NULL,
        cancelled_at timestamptz NOT NULL
      );
      CREATE TABLE ${s}.item_modifications (
        order_id text NOT NULL REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        line_position integer NOT NULL,
        old_item_id text NOT NULL,
        new_item_id text NOT NULL,
        new_price numeric(12, 2) NOT NULL,
        modified_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, seq)
      );
      CREATE TABLE ${s}.returns (
        order_id text PRIMARY KEY REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        payment_method_id text NOT NULL,
        item_ids text[] NOT NULL,
        requested_at timestamptz NOT NULL
      );
      CREATE TABLE ${s}.exchanges (
        order_id text PRIMARY KEY REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        payment_method_id text NOT NULL,
        item_ids text[] NOT NULL,
        new_item_ids text[] NOT NULL,
        price_difference numeric(12, 2) NOT NULL,
        requested_at timestamptz NOT NULL
      );
      -- what create_order took from other systems (stock reservation, coupon, loyalty), for cancellation
      CREATE TABLE ${s}.order_allocations (
        order_id text NOT NULL REFERENCES ${s}.orders (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('stock_reservation', 'coupon', 'loyalty')),
        reference text NOT NULL,
        PRIMARY KEY (order_id, kind, reference)
      );
    `,
  },
  {
    version: 2,
    name: 'order item list price (orders placed with create_order)',
    up: (s) => `ALTER TABLE ${s}.order_items ADD COLUMN list_price numeric(12, 2)`,
  },
];

/** Tables in dependency order (parents first), for copying and restoring a schema. */
export const OMS_TABLES = [
  'customers',
  'payment_methods',
  'products',
  'variants',
  'orders',
  'order_items',
  'fulfillments',
  'payment_transactions',
  'cancellations',
  'item_modifications',
  'returns',
  'exchanges',
  'order_allocations',
] as const;
