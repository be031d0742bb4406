import type { Queryable } from '../db/database.ts';

/**
 * Forgets sagas that ended (`committed`, `rolled_back`) before `before`, with their steps, `batch` sagas per statement
 * until none is left; answers how many. Their step keys are at least as old (a step's key is written before its saga
 * ends), so the same retention has forgotten those too: a re-run of a forgotten saga runs as a new one, as a retry
 * with a forgotten key does. Sagas still needing attention (`running`, `rolling_back`, `compensation_failed`,
 * `needs_operator`) are never forgotten. Rows another transaction holds are left for the next prune.
 */
export async function pruneFinishedSagas(q: Queryable, schema: string, before: Date, batch = 5000): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await q.query<{ n: number }>(
      `WITH old AS (SELECT name, key FROM ${schema}.sagas WHERE status IN ('committed', 'rolled_back') AND updated_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED),
            steps AS (DELETE FROM ${schema}.saga_steps st USING old WHERE st.name = old.name AND st.key = old.key RETURNING 1),
            gone AS (DELETE FROM ${schema}.sagas sg USING old WHERE sg.name = old.name AND sg.key = old.key RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before.toISOString(), batch],
    );
    const n = rows[0]?.n ?? 0;
    removed += n;
    if (n < batch) return removed;
  }
}
