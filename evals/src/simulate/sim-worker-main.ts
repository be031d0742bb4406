/**
 * A simulator graph worker as its own process (started by worker-processes.ts, never by hand): opens the world the
 * parent loaded into PostgreSQL, builds the same support stack with the shared PostgreSQL checkpointer (a
 * conversation's turns may land on any process), and consumes the simulation's BullMQ queue until told to stop.
 */
import { openDatabase } from '@agentic-commerce/kit';
import { postgresCheckpointer } from '@agentic-commerce/graph/checkpointers/checkpointer-factory';
import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { createTurnWorker } from '@agentic-commerce/graph/worker/turn-worker';
import { createReferenceWorld } from '@agentic-commerce/world';
import { simWorkerConfigSchema, type SimWorkerMessage } from './sim-worker-config.ts';
import { simulationStack } from './simulation-stack.ts';

process.env.LOG_LEVEL ??= 'warn';
const send = (message: SimWorkerMessage) => process.send?.(message);

async function main() {
  const config = simWorkerConfigSchema.parse(JSON.parse(process.env.SIM_WORKER_CONFIG ?? 'null'));
  const asOf = new Date(config.asOf);
  const db = await openDatabase({ url: config.databaseUrl });
  const world = await createReferenceWorld({ db, prefix: config.prefix, asOf, runtime: { now: () => asOf }, source: { kind: 'existing' } });
  const checkpointer = postgresCheckpointer(config.databaseUrl, config.checkpointSchema);
  const stack = await simulationStack(db, world, createDeterministicPlanner({ now: () => asOf }), asOf, checkpointer);
  const worker = createTurnWorker({
    service: stack.service, queue: config.queue, name: config.name, concurrency: config.concurrency,
    connection: { ...config.redis, maxRetriesPerRequest: null },
    ...(config.stalledAfterMs ? { stalledAfterMs: config.stalledAfterMs } : {}),
  });
  await worker.waitUntilReady();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.close(); // finishes the turns in progress
    await stack.close();
    await checkpointer.end();
    await db.close();
    process.exit(0);
  };
  process.on('message', (m) => {
    if ((m as { type?: string } | null)?.type === 'stop') void stop();
  });
  process.once('disconnect', () => void stop());
  process.once('SIGTERM', () => void stop());
  // Ctrl-C reaches the whole process group: the parent decides when to stop (it lets the turns in flight finish).
  process.on('SIGINT', () => undefined);
  send({ type: 'ready', pid: process.pid });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
