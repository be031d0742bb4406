import type { Migration } from '@agentic-commerce/kit';

/** The courier schema. `up(schema)` takes the schema name so worlds and tests can be namespaced. */
export const courierMigrations: Migration[] = [
  {
    version: 1,
    name: 'locations, slots, shipments, tracking events, return pickups and labels',
    up: (s) => `
      CREATE TABLE ${s}.pickup_locations (
        id text PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('pickup_point', 'locker')), name text NOT NULL,
        address jsonb NOT NULL, zip_prefix text NOT NULL, capacity integer NOT NULL CHECK (capacity > 0),
        in_use integer NOT NULL DEFAULT 0 CHECK (in_use >= 0 AND in_use <= capacity));
      CREATE INDEX ON ${s}.pickup_locations (zip_prefix);
      CREATE TABLE ${s}.delivery_slots (
        id text PRIMARY KEY, zip_prefix text NOT NULL, day date NOT NULL, window_start text NOT NULL, window_end text NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0), booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
        UNIQUE (zip_prefix, day, window_start));
      CREATE TABLE ${s}.shipments (
        tracking_id text PRIMARY KEY, order_id text NOT NULL, customer_id text NOT NULL,
        service_level text NOT NULL CHECK (service_level IN ('standard', 'express', 'next_day')),
        status text NOT NULL CHECK (status IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered', 'failed_attempt', 'returned')),
        destination_kind text NOT NULL CHECK (destination_kind IN ('address', 'pickup_point', 'locker')),
        location_id text REFERENCES ${s}.pickup_locations(id), address jsonb NOT NULL, item_ids text[] NOT NULL DEFAULT '{}',
        slot_id text REFERENCES ${s}.delivery_slots(id), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        delivered_at timestamptz);
      CREATE INDEX ON ${s}.shipments (order_id);
      CREATE INDEX ON ${s}.shipments (customer_id);
      CREATE TABLE ${s}.tracking_events (
        id bigserial PRIMARY KEY, tracking_id text NOT NULL REFERENCES ${s}.shipments(tracking_id), at timestamptz NOT NULL,
        kind text NOT NULL, location text, note text);
      CREATE INDEX ON ${s}.tracking_events (tracking_id, at, id);
      CREATE TABLE ${s}.return_pickups (
        id text PRIMARY KEY, tracking_id text NOT NULL REFERENCES ${s}.shipments(tracking_id), order_id text NOT NULL,
        customer_id text NOT NULL, address jsonb NOT NULL, day date NOT NULL,
        time_window text NOT NULL CHECK (time_window IN ('morning', 'afternoon')),
        status text NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'completed')),
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
      CREATE UNIQUE INDEX return_pickups_one_scheduled ON ${s}.return_pickups (tracking_id) WHERE status = 'scheduled';
      CREATE TABLE ${s}.return_labels (
        id text PRIMARY KEY, tracking_id text NOT NULL REFERENCES ${s}.shipments(tracking_id), order_id text NOT NULL,
        customer_id text NOT NULL, item_ids text[] NOT NULL, carrier_reference text NOT NULL UNIQUE, created_at timestamptz NOT NULL);
      CREATE INDEX ON ${s}.return_labels (tracking_id);
      CREATE SEQUENCE ${s}.return_pickup_numbers;
      CREATE SEQUENCE ${s}.return_label_numbers;`,
  },
  {
    version: 2,
    name: 'return labels can be voided (void_return_label)',
    up: (s) => `ALTER TABLE ${s}.return_labels ADD COLUMN voided_at timestamptz`,
  },
];
