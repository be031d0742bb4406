import type { Migration } from '@agentic-commerce/kit';

/** The WMS schema. `up(schema)` takes the schema name so worlds and tests can be namespaced. */
export const wmsMigrations: Migration[] = [
  {
    version: 1,
    name: 'warehouses, stock, reservations, fulfillments, movements',
    up: (s) => `
      CREATE TABLE ${s}.warehouses (
        id text PRIMARY KEY, name text NOT NULL, region text NOT NULL, zip_prefixes text[] NOT NULL DEFAULT '{}');
      CREATE TABLE ${s}.stock (
        item_id text NOT NULL, warehouse_id text NOT NULL REFERENCES ${s}.warehouses(id),
        on_hand integer NOT NULL CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
        PRIMARY KEY (item_id, warehouse_id));
      CREATE TABLE ${s}.low_stock_thresholds (item_id text PRIMARY KEY, threshold integer NOT NULL CHECK (threshold >= 0));
      CREATE TABLE ${s}.reservations (
        id text PRIMARY KEY, order_id text NOT NULL UNIQUE, customer_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'released', 'consumed')), ship_to_zip text,
        lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
      CREATE INDEX ON ${s}.reservations (customer_id);
      CREATE TABLE ${s}.fulfillments (
        tracking_id text PRIMARY KEY, order_id text NOT NULL, customer_id text NOT NULL,
        warehouse_id text NOT NULL REFERENCES ${s}.warehouses(id),
        status text NOT NULL CHECK (status IN ('pending', 'picking', 'packed', 'shipped')),
        item_ids text[] NOT NULL, updated_at timestamptz NOT NULL);
      CREATE INDEX ON ${s}.fulfillments (order_id);
      CREATE TABLE ${s}.stock_movements (
        id bigserial PRIMARY KEY, at timestamptz NOT NULL, item_id text NOT NULL, warehouse_id text NOT NULL,
        on_hand_delta integer NOT NULL, reserved_delta integer NOT NULL,
        reason text NOT NULL CHECK (reason IN ('initial', 'receipt', 'adjustment', 'reservation', 'release', 'shipment')),
        reference text);
      CREATE INDEX ON ${s}.stock_movements (item_id, id);
      CREATE INDEX ON ${s}.stock_movements (reference);
      CREATE FUNCTION ${s}.refuse_movement_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'stock_movements is append-only: record a new movement instead'; END $$;
      CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON ${s}.stock_movements
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_movement_change();`,
  },
];
