import type { Database } from '@agentic-commerce/kit';
import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { databasePool } from './database-pool.ts';

export type CheckpointerKind = 'memory' | 'postgres' | 'embedded';

export const DEFAULT_CHECKPOINT_SCHEMA = 'graph_checkpoints';

/** PostgreSQL (production): the official PostgresSaver on its own node-postgres pool. Call `setup()` once. */
export function postgresCheckpointer(url: string, schema = DEFAULT_CHECKPOINT_SCHEMA): PostgresSaver {
  return PostgresSaver.fromConnString(url, { schema });
}

/**
 * The persistent embedded default: the same PostgresSaver and SQL, on a kit Database (PGlite on disk, no server).
 * Call `setup()` once.
 */
export function embeddedCheckpointer(db: Database, schema = DEFAULT_CHECKPOINT_SCHEMA): PostgresSaver {
  return new PostgresSaver(databasePool(db) as unknown as ConstructorParameters<typeof PostgresSaver>[0], undefined, { schema });
}

export interface CheckpointerConfig {
  kind: CheckpointerKind;
  /** postgres: the connection URL (DATABASE_URL). */
  url?: string | undefined;
  /** embedded: the database (e.g. openDatabase({ dataDir: '.data/store' })). */
  db?: Database | undefined;
  schema?: string | undefined;
}

/** Builds and sets up the configured checkpointer. */
export async function openCheckpointer(config: CheckpointerConfig): Promise<BaseCheckpointSaver> {
  if (config.kind === 'memory') return new MemorySaver();
  if (config.kind === 'postgres') {
    if (!config.url) throw new Error('the postgres checkpointer needs a URL: set DATABASE_URL (postgres://...)');
    const saver = postgresCheckpointer(config.url, config.schema);
    await saver.setup();
    return saver;
  }
  if (!config.db) throw new Error('the embedded checkpointer needs a database: pass db (a kit Database, e.g. PGlite under .data/)');
  const saver = embeddedCheckpointer(config.db, config.schema);
  await saver.setup();
  return saver;
}
