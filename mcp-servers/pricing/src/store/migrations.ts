import type { Migration } from '@agentic-commerce/kit';
import { US_STATE_SALES_TAX_2024 } from '../domain/us-state-sales-tax.ts';

/** Versioned migrations of the pricing schema. `up(schema)` never hard-codes the schema name. */
export const pricingMigrations: Migration[] = [
  {
    version: 1,
    name: 'prices, promotions, coupons, loyalty, shipping, tax, quotes',
    up: (s) => `
      CREATE TABLE ${s}.variants (
        item_id text PRIMARY KEY,
        product_id text NOT NULL,
        category text
      );
      CREATE INDEX variants_product ON ${s}.variants (product_id);
      CREATE TABLE ${s}.list_prices (
        item_id text NOT NULL REFERENCES ${s}.variants (item_id),
        price numeric(12,2) NOT NULL CHECK (price >= 0),
        valid_from timestamptz NOT NULL,
        valid_to timestamptz CHECK (valid_to IS NULL OR valid_to > valid_from),
        PRIMARY KEY (item_id, valid_from)
      );
      CREATE UNIQUE INDEX list_prices_current ON ${s}.list_prices (item_id) WHERE valid_to IS NULL;
      CREATE TABLE ${s}.promotions (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('percentage', 'fixed_amount', 'buy_x_get_y')),
        scope text NOT NULL CHECK (scope IN ('line', 'order')),
        value numeric(12,2) NOT NULL CHECK (value > 0),
        buy_quantity integer,
        get_quantity integer,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        eligibility jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX promotions_window ON ${s}.promotions (starts_at, ends_at);
      CREATE TABLE ${s}.coupons (
        code text PRIMARY KEY CHECK (code = upper(code)),
        description text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('percentage', 'fixed_amount')),
        value numeric(12,2) NOT NULL CHECK (value > 0),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        total_limit integer CHECK (total_limit > 0),
        per_customer_limit integer CHECK (per_customer_limit > 0),
        eligibility jsonb NOT NULL DEFAULT '{}'
      );
      CREATE TABLE ${s}.coupon_redemptions (
        order_id text PRIMARY KEY,
        code text NOT NULL REFERENCES ${s}.coupons (code),
        customer_id text NOT NULL,
        quote_id text,
        discount numeric(12,2) NOT NULL,
        applied_at timestamptz NOT NULL,
        released_at timestamptz
      );
      CREATE INDEX coupon_redemptions_code ON ${s}.coupon_redemptions (code, customer_id) WHERE released_at IS NULL;
      CREATE TABLE ${s}.loyalty_program (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        earn_points_per_dollar numeric(10,4) NOT NULL CHECK (earn_points_per_dollar >= 0),
        point_value numeric(10,6) NOT NULL CHECK (point_value > 0),
        quote_ttl_minutes integer NOT NULL CHECK (quote_ttl_minutes > 0)
      );
      INSERT INTO ${s}.loyalty_program VALUES (true, 1, 0.01, 30);
      CREATE TABLE ${s}.loyalty_accounts (
        customer_id text PRIMARY KEY,
        segment text NOT NULL DEFAULT 'standard',
        balance integer NOT NULL CHECK (balance >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${s}.loyalty_transactions (
        id bigserial PRIMARY KEY,
        customer_id text NOT NULL REFERENCES ${s}.loyalty_accounts (customer_id),
        kind text NOT NULL CHECK (kind IN ('earn', 'redeem', 'restore', 'adjust', 'expire')),
        points integer NOT NULL,
        balance_after integer NOT NULL CHECK (balance_after >= 0),
        reason text NOT NULL,
        order_id text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX loyalty_transactions_customer ON ${s}.loyalty_transactions (customer_id, id DESC);
      CREATE UNIQUE INDEX loyalty_transactions_order ON ${s}.loyalty_transactions (order_id, kind)
        WHERE order_id IS NOT NULL AND kind IN ('earn', 'redeem', 'restore');
      CREATE TABLE ${s}.shipping_rates (
        service_level text PRIMARY KEY,
        description text NOT NULL,
        flat_rate numeric(12,2) NOT NULL CHECK (flat_rate >= 0),
        free_above numeric(12,2) CHECK (free_above >= 0)
      );
      INSERT INTO ${s}.shipping_rates VALUES
        ('standard', 'Ground, 5-7 business days', 5.99, 75.00),
        ('express', '2 business days', 14.99, 250.00),
        ('overnight', 'Next business day', 29.99, NULL);
      CREATE TABLE ${s}.tax_rates (
        state text PRIMARY KEY CHECK (state ~ '^[A-Z]{2}$'),
        rate numeric(6,5) NOT NULL CHECK (rate >= 0 AND rate < 1)
      );
      INSERT INTO ${s}.tax_rates VALUES ${Object.entries(US_STATE_SALES_TAX_2024).map(([state, rate]) => `('${state}', ${rate})`).join(', ')};
      CREATE TABLE ${s}.quotes (
        id text PRIMARY KEY,
        customer_id text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        coupon_code text,
        loyalty_points integer NOT NULL,
        total numeric(12,2) NOT NULL,
        amount_due numeric(12,2) NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX quotes_customer ON ${s}.quotes (customer_id, created_at DESC);`,
  },
];
