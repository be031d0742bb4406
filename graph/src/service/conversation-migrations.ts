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
];

export const DEFAULT_GRAPH_SCHEMA = 'graph';
