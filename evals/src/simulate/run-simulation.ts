import type { Database } from '@agentic-commerce/kit';
import type { SupportService } from '@agentic-commerce/graph/service/support-service';
import { createTurnWorker, submitTurn, turnQueue } from '@agentic-commerce/graph/worker/turn-worker';
import { postgresCheckpointer } from '@agentic-commerce/graph/checkpointers/checkpointer-factory';
import { QueueEvents } from 'bullmq';
import type { Contact, ContactOutcome } from './contact-types.ts';
import { startWorkerProcesses, type WorkerProcesses } from './worker-processes.ts';

interface LedgerLike {
  find(q: Database, filter: { conversationId: string }): Promise<{ kind: string; tool?: string | undefined; callId?: string | undefined; data: Record<string, unknown> }[]>;
}

export interface RedisTarget {
  host: string;
  port: number;
  db?: number | undefined;
}

/** Graph workers as separate processes over a world loaded into PostgreSQL (one core each). */
export interface WorkerProcessOptions {
  databaseUrl: string;
  /** The world's schema prefix. */
  prefix: string;
  asOf: Date;
  stalledAfterMs?: number;
  /** Called once every process consumes the queue (tests use it to crash one). */
  onStarted?: (processes: WorkerProcesses) => void;
}

export interface SimulationOptions {
  ledger: LedgerLike;
  db: Database;
  contacts: Contact[];
  redis: RedisTarget;
  /**
   * Where the graph runs: `service`, BullMQ workers in this process (they share its one event loop); or
   * `processes`, one worker process each (a PostgreSQL world: PGlite is single-process).
   */
  service?: SupportService;
  processes?: WorkerProcessOptions;
  /** Worker instances (or processes) consuming the queue, and turns each runs at once. */
  workers: number;
  concurrency: number;
  /** Contacts in flight at once on the submitting side. */
  inFlight: number;
  runId: string;
  /** The agent model's measured cost of a conversation (a UsageMeter's tokens at a price); omit when unpriced. */
  measuredCost?: ((conversationId: string) => number) | undefined;
  /** Once aborted no further contact starts; those in flight finish, and the result holds the contacts done. */
  signal?: AbortSignal;
  onProgress?: (done: number, outcome: ContactOutcome) => void;
}

const WRITE_INTENTS = new Set(['return_item', 'exchange_item', 'cancel_order', 'change_address', 'failed_delivery']);
const DELIVERY_FIXES = new Set(['book_delivery_slot', 'reschedule_delivery', 'reroute_shipment']);

/** What the ledger says a conversation did: executed writes (by idempotency key), approvals, delivery fixes. */
async function ledgerFacts(options: SimulationOptions, conversationId: string) {
  const entries = await options.ledger.find(options.db, { conversationId });
  const keyOfCall = new Map<string, string>();
  for (const e of entries) if (e.kind === 'intent' && e.callId && typeof e.data.idempotencyKey === 'string') keyOfCall.set(e.callId, e.data.idempotencyKey);
  const results = entries.filter((e) => e.kind === 'result');
  return {
    executedWriteKeys: results.map((e) => `${e.tool}:${(e.callId && keyOfCall.get(e.callId)) ?? `call:${e.callId}`}`),
    approvalsRequested: entries.filter((e) => e.kind === 'approval_requested').length,
    deliveryRecovered: results.some((e) => e.tool !== undefined && DELIVERY_FIXES.has(e.tool)),
    wrote: results.length > 0,
    // A denied decision followed by an executed result for the same call would be a violation of binding policy.
    violations: results.filter((r) => entries.some((d) => d.kind === 'decision' && d.callId === r.callId && d.data.outcome === 'deny')).length,
  };
}

/**
 * Submits each contact's turns as BullMQ jobs (one turn after the other, contacts in parallel) to graph workers (in
 * this process or as worker processes), answers approvals as an operator would, and reads each outcome back from the
 * signed ledger. A job whose worker crashed is retried by another; idempotency keys keep its writes from repeating.
 */
export async function runSimulation(options: SimulationOptions): Promise<ContactOutcome[]> {
  if ((options.service === undefined) === (options.processes === undefined)) throw new Error('runSimulation needs either service (in-process workers) or processes (worker processes)');
  const queueName = `sim-${options.runId}`;
  const connection = { host: options.redis.host, port: options.redis.port, db: options.redis.db ?? 0, maxRetriesPerRequest: null };
  const queue = turnQueue(connection, queueName);
  // Every contact in flight waits on a job (each wait listens on the queue).
  queue.setMaxListeners(Math.max(10, options.inFlight + 10));
  const events = new QueueEvents(queueName, { connection });
  await events.waitUntilReady();
  const { service, processes } = options;
  const workers = service
    ? Array.from({ length: options.workers }, () => createTurnWorker({ service, connection, queue: queueName, concurrency: options.concurrency }))
    : [];
  let pool: WorkerProcesses | undefined;
  if (processes) {
    const checkpointSchema = `${processes.prefix}_checkpoints`;
    // Set up once here: the processes share it, and concurrent setups would race on CREATE TABLE.
    const saver = postgresCheckpointer(processes.databaseUrl, checkpointSchema);
    await saver.setup();
    await saver.end();
    pool = await startWorkerProcesses(options.workers, {
      databaseUrl: processes.databaseUrl, prefix: processes.prefix, checkpointSchema, queue: queueName, concurrency: options.concurrency,
      asOf: processes.asOf.toISOString(), redis: { host: connection.host, port: connection.port, db: connection.db },
      ...(processes.stalledAfterMs ? { stalledAfterMs: processes.stalledAfterMs } : {}),
    });
    processes.onStarted?.(pool);
  }
  const outcomes: ContactOutcome[] = new Array(options.contacts.length);
  let next = 0;
  let done = 0;
  const handle = async (contact: Contact): Promise<ContactOutcome> => {
    const conversationId = `${options.runId}-${contact.id}`;
    const started = performance.now();
    let escalated = false;
    let turns = 0;
    for (const [i, text] of contact.turns.entries()) {
      const job = await submitTurn(queue, `${conversationId}-t${i}`, { kind: 'message', conversationId, text });
      let result = await job.waitUntilFinished(events);
      turns++;
      for (let a = 0; result.awaiting === 'approval' && result.approval; a++) {
        const approval = await submitTurn(queue, `${conversationId}-t${i}-a${a}`, {
          kind: 'approval', conversationId, approvalId: result.approval.approvalId, operatorId: 'op:simulator', decision: { decision: 'approve' },
        });
        result = await approval.waitUntilFinished(events);
      }
      if (result.awaiting === 'human') {
        escalated = true;
        break;
      }
    }
    const facts = await ledgerFacts(options, conversationId);
    const resolvedByAgent = !escalated && (!WRITE_INTENTS.has(contact.intent) || facts.wrote);
    return {
      contact, resolvedByAgent, escalated: escalated || !resolvedByAgent, approvalsRequested: facts.approvalsRequested, policyViolations: facts.violations,
      executedWriteKeys: facts.executedWriteKeys, deliveryRecovered: facts.deliveryRecovered, turns, durationMs: performance.now() - started,
      costUsd: options.measuredCost?.(conversationId),
    };
  };
  const submitter = async () => {
    while (next < options.contacts.length && !options.signal?.aborted) {
      const index = next++;
      const outcome = await handle(options.contacts[index]!);
      outcomes[index] = outcome;
      options.onProgress?.(++done, outcome);
    }
  };
  try {
    const all = Promise.all(Array.from({ length: Math.max(1, options.inFlight) }, submitter));
    await (pool ? Promise.race([all, pool.allExited]) : all);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await pool?.close();
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  // Stopped early: the contacts that finished, still in contact order.
  return done === outcomes.length ? outcomes : outcomes.filter((o) => o !== undefined);
}
