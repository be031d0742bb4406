import type { Migration } from '@agentic-commerce/kit';

/** The graph service's own schema (default "graph"): conversation records. Same SQL on PGlite and PostgreSQL. */
export const graphMigrations: Migration[] = [
  {
    version: 1,
    name: 'conversations',
    up: (s) => `
      CREATE TABLE ${s}.conversations (
        id text PRIMARY KEY,
        customer_id text,
        principal_kind text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX conversations_customer ON ${s}.conversations (customer_id) WHERE customer_id IS NOT NULL;
      CREATE INDEX conversations_created ON ${s}.conversations (created_at);`,
  },
  {
    version: 2,
    name: 'conversations awaiting an approval',
    // The approval a conversation's run is paused on; NULL: not paused. Rows from before this migration get '?'
    // (not known yet): the service checks their graph state the first time it lists pending approvals.
    up: (s) => `
      ALTER TABLE ${s}.conversations ADD COLUMN awaiting_approval text DEFAULT '?';
      ALTER TABLE ${s}.conversations ALTER COLUMN awaiting_approval SET DEFAULT NULL;
      CREATE INDEX conversations_awaiting ON ${s}.conversations (created_at) WHERE awaiting_approval IS NOT NULL;`,
  },
];

export const DEFAULT_GRAPH_SCHEMA = 'graph';
