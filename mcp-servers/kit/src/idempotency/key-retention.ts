import type { Logger } from 'pino';
import type { KitRuntime } from '../action-runtime.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_KEY_RETENTION_DAYS = 30;

/**
 * `COMMERCE_IDEMPOTENCY_RETENTION_DAYS`: how long a write's idempotency key (and the result a retry gets back) is kept;
 * default 30, `0` keeps keys for ever. A bad value is refused before the server opens anything.
 */
export function keyRetentionDaysFromEnv(env: NodeJS.ProcessEnv): number {
  const text = env.COMMERCE_IDEMPOTENCY_RETENTION_DAYS;
  if (text === undefined || text === '') return DEFAULT_KEY_RETENTION_DAYS;
  const days = Number(text);
  if (!Number.isFinite(days) || days < 0) throw new Error(`COMMERCE_IDEMPOTENCY_RETENTION_DAYS must be a number of days >= 0 (0 keeps keys for ever), got "${text}"`);
  return days;
}

/**
 * Forgets keys older than `days` now and then every `everyMs` (default hourly), so the key table does not grow for
 * ever; a call retried with a forgotten key runs again. Sagas that ended that long ago go with them (their step keys
 * are gone too); sagas needing recovery or an operator stay. Replicas may all run it: deletes of the same rows are
 * harmless. Failures are logged, never thrown. `stop()` ends the schedule and waits for a prune in progress.
 */
export function startKeyRetention(runtime: Pick<KitRuntime, 'pruneIdempotencyKeys' | 'pruneFinishedSagas' | 'now'>, days: number, logger: Logger, everyMs = 3_600_000) {
  if (days === 0) return { stop: async () => undefined };
  let running: Promise<void> = Promise.resolve();
  const prune = () => {
    running = running.then(async () => {
      try {
        const before = new Date(runtime.now().getTime() - days * DAY_MS);
        const removed = await runtime.pruneIdempotencyKeys(before);
        if (removed > 0) logger.info({ removed, days }, 'forgot idempotency keys past their retention');
        const sagas = await runtime.pruneFinishedSagas(before);
        if (sagas > 0) logger.info({ sagas, days }, 'forgot sagas that ended before the retention');
      } catch (error) {
        logger.warn({ err: error }, 'could not prune idempotency keys; will try again');
      }
    });
  };
  prune();
  const timer = setInterval(prune, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
