import type { Migration } from './db/migrate.ts';

/** Independent hash chains in the ledger: concurrent writes append to different ones (docs/decisions/0300). */
export const LEDGER_CHAINS = 16;

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
  {
    version: 3,
    name: 'ledger chains',
    // LEDGER_CHAINS independent chains, each with its own head row (id = chain) and seq (docs/decisions/0300).
    // Existing entries form chain 1 (their bodies carry no chain, which verify reads as 1). `pos` is a global
    // insertion order for reading histories; it is not signed and verify does not rely on it.
    up: (s) => `
      ALTER TABLE ${s}.ledger ADD COLUMN chain integer NOT NULL DEFAULT 1, ADD COLUMN pos bigint;
      ALTER TABLE ${s}.ledger DISABLE TRIGGER ledger_append_only;
      UPDATE ${s}.ledger SET pos = seq;
      ALTER TABLE ${s}.ledger ENABLE TRIGGER ledger_append_only;
      CREATE SEQUENCE ${s}.ledger_pos_seq OWNED BY ${s}.ledger.pos;
      SELECT setval('${s}.ledger_pos_seq', COALESCE(max(seq), 0) + 1, false) FROM ${s}.ledger;
      ALTER TABLE ${s}.ledger ALTER COLUMN chain DROP DEFAULT, ALTER COLUMN pos SET DEFAULT nextval('${s}.ledger_pos_seq'),
        ALTER COLUMN pos SET NOT NULL, DROP CONSTRAINT ledger_pkey, ADD PRIMARY KEY (chain, seq);
      CREATE UNIQUE INDEX ledger_pos ON ${s}.ledger (pos);
      ALTER TABLE ${s}.ledger_head DROP CONSTRAINT ledger_head_id_check,
        ADD CONSTRAINT ledger_head_chain CHECK (id BETWEEN 1 AND ${LEDGER_CHAINS});
      INSERT INTO ${s}.ledger_head SELECT g, 0, '${'0'.repeat(64)}' FROM generate_series(2, ${LEDGER_CHAINS}) g;`,
  },
  {
    version: 4,
    name: 'approval expiry as a state',
    up: (s) => `
      ALTER TABLE ${s}.approvals DROP CONSTRAINT approvals_status_check,
        ADD CONSTRAINT approvals_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'used', 'expired')),
        ADD COLUMN expired_at timestamptz;
      CREATE INDEX approvals_expiry ON ${s}.approvals (expires_at) WHERE status IN ('pending', 'approved');`,
  },
  {
    version: 5,
    name: 'drop the ledger velocity index',
    // Velocity limits read velocity_counts since version 2; this index was maintained on every append and never read.
    up: (s) => `DROP INDEX ${s}.ledger_velocity;`,
  },
  {
    version: 6,
    name: 'drop the ledger pos index',
    // `pos` (from its sequence, unique by construction) only orders the few entries of one order, call or
    // conversation that ledger.find reads through other indexes; this index cost an insertion per entry and was read by nothing.
    up: (s) => `DROP INDEX ${s}.ledger_pos;`,
  },
  {
    version: 7,
    name: 'refuse a write from inside its last statement',
    // A write admitted at commit sends its last statement and COMMIT together (docs/decisions/0702): that statement
    // refuses (key taken, over its velocity limit, ledger head moved) by raising, so the COMMIT behind it rolls back.
    up: (s) => `
      CREATE FUNCTION ${s}.refuse_write(code text, reason text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = code, MESSAGE = reason;
      END $$;`,
  },
  {
    version: 8,
    name: 'saga outcomes',
    // One row per saga run outside a write call (saga/saga-record.ts): its attempt (a re-run after a rollback is a new
    // attempt, with new step keys), its status and, once it failed, the error it answered.
    up: (s) => `
      CREATE TABLE ${s}.sagas (
        name text NOT NULL,
        key text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'committed', 'rolling_back', 'rolled_back', 'compensation_failed')),
        error text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (name, key)
      );`,
  },
  {
    version: 9,
    name: 'saga progress for recovery',
    // A saga run outside a write call keeps its progress as it runs (saga/saga-journal.ts): who runs it (`owner`, a token
    // a run or a recovery holds; every change is fenced on it), its ledger subject, and one row per step: its key,
    // the forward tool call (kept before it runs), then its result and how recovery undoes it. recoverSagas rolls back
    // sagas left running or whose compensation failed; what it cannot undo is left `needs_operator`.
    up: (s) => `
      ALTER TABLE ${s}.sagas DROP CONSTRAINT sagas_status_check,
        ADD CONSTRAINT sagas_status_check CHECK (status IN ('running', 'committed', 'rolling_back', 'rolled_back', 'compensation_failed', 'needs_operator')),
        ADD COLUMN owner text,
        ADD COLUMN subject text;
      CREATE INDEX sagas_unfinished ON ${s}.sagas (updated_at) WHERE status IN ('running', 'rolling_back', 'compensation_failed');
      CREATE TABLE ${s}.saga_steps (
        name text NOT NULL,
        key text NOT NULL,
        attempt integer NOT NULL,
        position integer NOT NULL,
        step text NOT NULL,
        idempotency_key text NOT NULL,
        call text,
        compensable boolean NOT NULL,
        done boolean NOT NULL DEFAULT false,
        result text,
        undo text,
        outcome text,
        PRIMARY KEY (name, key, attempt, position)
      );`,
  },
  {
    version: 10,
    name: 'irreversible saga steps',
    // A saga's last step may be one nothing undoes (its pivot: a tool declaring compensation { none }). Recovery must
    // know it: once that step committed the saga is done, and undoing the steps before it would leave half of it.
    up: (s) => `ALTER TABLE ${s}.saga_steps ADD COLUMN irreversible text;`,
  },
];
