import type { KitRuntime } from '../action-runtime.ts';
import { recoverSagas, type RecoverSagasOptions, type SagaRecovery } from './recover-sagas.ts';

export interface SagaRecoveryLoopOptions extends RecoverSagasOptions {
  /** Milliseconds between runs (default 60 000). The first run is at start: it finds what a stopped process left. */
  everyMs?: number;
  /** Called after each run that recovered something (each recovery is also logged). */
  onRecovered?: (recoveries: SagaRecovery[]) => void;
}

/**
 * Runs recoverSagas at start and then every `everyMs`, one run at a time; a failed run is logged and the next one
 * tries again. Start it in the process that runs the sagas (it has their systems' tools and backends); several
 * processes may run it on one kit schema (each saga is claimed by one). `stop()` waits for a run in progress.
 */
export function startSagaRecovery(runtime: KitRuntime, options: SagaRecoveryLoopOptions): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const recoveries = await recoverSagas(runtime, options);
      if (recoveries.length > 0) options.onRecovered?.(recoveries);
    } catch (error) {
      runtime.logger.error({ err: error }, 'saga recovery failed; the next run tries again');
    }
    if (!stopped) {
      timer = setTimeout(() => { current = run(); }, options.everyMs ?? 60_000);
      timer.unref();
    }
  };
  current = run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
