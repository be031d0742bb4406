import type { Queryable } from '@agentic-commerce/kit';
import { assertSchemaName } from '@agentic-commerce/kit';
import type { MemorySaver } from '@langchain/langgraph';

/** Which old checkpoints to delete. The latest checkpoint of every thread is always kept. */
export interface PruneOptions {
  /** Keep at most this many most recent checkpoints per thread (and namespace). */
  keepLast?: number;
  /** Delete checkpoints taken before this time. */
  olderThan?: Date;
}

export interface PruneResult {
  checkpoints: number;
  writes: number;
  blobs: number;
}

function validate(options: PruneOptions): void {
  if (options.keepLast === undefined && options.olderThan === undefined) throw new Error('prune needs keepLast (a positive integer) or olderThan (a Date)');
  if (options.keepLast !== undefined && (!Number.isInteger(options.keepLast) || options.keepLast < 1)) {
    throw new Error(`keepLast must be a positive integer, got ${options.keepLast}`);
  }
  if (options.olderThan !== undefined && Number.isNaN(options.olderThan.getTime())) throw new Error('olderThan must be a valid Date');
}

/**
 * Prunes the PostgreSQL checkpointer's tables (production and embedded share them). Checkpoint ids are
 * time-ordered (uuid6), so "most recent" is the largest id. Blobs no remaining checkpoint references go too.
 */
export async function pruneSqlCheckpoints(db: Queryable & { transaction?: unknown }, schema: string, options: PruneOptions): Promise<PruneResult> {
  validate(options);
  assertSchemaName(schema);
  const ranked = `SELECT thread_id, checkpoint_ns, checkpoint_id, checkpoint->>'ts' AS ts,
      row_number() OVER (PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id DESC) AS rank
    FROM ${schema}.checkpoints`;
  const doomed = `SELECT thread_id, checkpoint_ns, checkpoint_id FROM (${ranked}) r
    WHERE r.rank > 1 AND (($1::int IS NOT NULL AND r.rank > $1::int) OR ($2::timestamptz IS NOT NULL AND r.ts::timestamptz < $2::timestamptz))`;
  const params = [options.keepLast ?? null, options.olderThan?.toISOString() ?? null];
  const writes = await db.query(
    `DELETE FROM ${schema}.checkpoint_writes w USING (${doomed}) d
     WHERE w.thread_id = d.thread_id AND w.checkpoint_ns = d.checkpoint_ns AND w.checkpoint_id = d.checkpoint_id RETURNING 1`,
    params,
  );
  const checkpoints = await db.query(
    `DELETE FROM ${schema}.checkpoints c USING (${doomed}) d
     WHERE c.thread_id = d.thread_id AND c.checkpoint_ns = d.checkpoint_ns AND c.checkpoint_id = d.checkpoint_id RETURNING 1`,
    params,
  );
  const blobs = await db.query(
    `DELETE FROM ${schema}.checkpoint_blobs b WHERE NOT EXISTS (
       SELECT 1 FROM ${schema}.checkpoints c
       WHERE c.thread_id = b.thread_id AND c.checkpoint_ns = b.checkpoint_ns AND c.checkpoint->'channel_versions'->>b.channel = b.version
     ) RETURNING 1`,
  );
  return { checkpoints: checkpoints.length, writes: writes.length, blobs: blobs.length };
}

/** The same pruning for the in-memory checkpointer (tests, short-lived processes). */
export async function pruneMemoryCheckpoints(saver: MemorySaver, options: PruneOptions): Promise<PruneResult> {
  validate(options);
  const result: PruneResult = { checkpoints: 0, writes: 0, blobs: 0 };
  for (const [threadId, namespaces] of Object.entries(saver.storage)) {
    for (const [ns, checkpoints] of Object.entries(namespaces)) {
      const ids = Object.keys(checkpoints).sort().reverse();
      for (const [index, id] of ids.entries()) {
        if (index === 0) continue;
        const stored = checkpoints[id];
        const ts = stored ? ((await saver.serde.loadsTyped('json', stored[0])) as { ts?: string }).ts : undefined;
        const tooMany = options.keepLast !== undefined && index >= options.keepLast;
        const tooOld = options.olderThan !== undefined && ts !== undefined && Date.parse(ts) < options.olderThan.getTime();
        if (!tooMany && !tooOld) continue;
        delete checkpoints[id];
        result.checkpoints += 1;
        const key = JSON.stringify([threadId, ns, id]);
        if (saver.writes[key]) {
          result.writes += Object.keys(saver.writes[key]).length;
          delete saver.writes[key];
        }
      }
    }
  }
  return result;
}
