import type { Migration } from './db/migrate.ts';

/**
 * The action layer's own schema (default "kit"): the signed ledger and its head, approvals, idempotency records
 * and agent conversation bindings. Same SQL on PGlite and PostgreSQL.
 */
export const kitMigrations: Migration[] = [
  {
    version: 1,
    name: 'ledger, approvals, idempotency, bindings',
    up: (s) => `
      CREATE TABLE ${s}.ledger (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        call_id text,
        system text,
        tool text,
        action text,
        principal_id text,
        conversation_id text,
        customer_id text,
        order_id text,
        body text NOT NULL,
        hash text NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      );
      CREATE INDEX ledger_order ON ${s}.ledger (order_id) WHERE order_id IS NOT NULL;
      CREATE INDEX ledger_conversation ON ${s}.ledger (conversation_id) WHERE conversation_id IS NOT NULL;
      CREATE INDEX ledger_velocity ON ${s}.ledger (customer_id, action, kind, at) WHERE customer_id IS NOT NULL;
      CREATE TABLE ${s}.ledger_head (
        id integer PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO ${s}.ledger_head VALUES (1, 0, '${'0'.repeat(64)}');
      CREATE FUNCTION ${s}.ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are append-only: % on %.ledger is refused', TG_OP, TG_TABLE_SCHEMA
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ${s}.ledger
        FOR EACH ROW EXECUTE FUNCTION ${s}.ledger_refuse_change();
      CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ${s}.ledger
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.ledger_refuse_change();

      CREATE TABLE ${s}.approvals (
        id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'used')),
        system text NOT NULL,
        tool text NOT NULL,
        action text NOT NULL,
        arguments jsonb NOT NULL,
        args_hash text NOT NULL,
        principal_id text NOT NULL,
        principal_kind text NOT NULL,
        conversation_id text,
        customer_id text,
        order_id text,
        amount numeric(14,2),
        reason text NOT NULL,
        policy_version text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        resolved_by text,
        resolved_at timestamptz,
        note text,
        edited boolean NOT NULL DEFAULT false,
        used_at timestamptz
      );
      CREATE INDEX approvals_status ON ${s}.approvals (status, created_at);

      CREATE TABLE ${s}.idempotency (
        scope text NOT NULL,
        key text NOT NULL,
        args_hash text NOT NULL,
        result text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );

      CREATE TABLE ${s}.conversation_bindings (
        conversation_id text PRIMARY KEY,
        customer_id text NOT NULL,
        bound_at timestamptz NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'velocity counters, ledger call index',
    // Executions per customer, action class and UTC day: policy velocity limits read them in one statement.
    up: (s) => `
      CREATE TABLE ${s}.velocity_counts (
        customer_id text NOT NULL,
        action text NOT NULL,
        day date NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (customer_id, action, day)
      );
      CREATE INDEX ledger_call ON ${s}.ledger (call_id) WHERE call_id IS NOT NULL;`,
  },
];
