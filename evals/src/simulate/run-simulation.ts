import type { Database } from '@agentic-commerce/kit';
import type { SupportService } from '@agentic-commerce/graph/service/support-service';
import { createTurnWorker, submitTurn, turnQueue } from '@agentic-commerce/graph/worker/turn-worker';
import { QueueEvents, type ConnectionOptions } from 'bullmq';
import type { Contact, ContactOutcome } from './contact-types.ts';

interface LedgerLike {
  find(q: Database, filter: { conversationId: string }): Promise<{ kind: string; tool?: string | undefined; callId?: string | undefined; data: Record<string, unknown> }[]>;
}

export interface SimulationOptions {
  service: SupportService;
  ledger: LedgerLike;
  db: Database;
  contacts: Contact[];
  connection: ConnectionOptions;
  /** BullMQ worker instances consuming the queue, and turns each runs at once. */
  workers: number;
  concurrency: number;
  /** Contacts in flight at once on the submitting side. */
  inFlight: number;
  runId: string;
  /** The agent model's measured cost of a conversation (a UsageMeter's tokens at a price); omit when unpriced. */
  measuredCost?: ((conversationId: string) => number) | undefined;
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
 * Submits each contact's turns as BullMQ jobs (one turn after the other, contacts in parallel) to graph workers in
 * this process, answers approvals as an operator would, and reads each outcome back from the signed ledger.
 */
export async function runSimulation(options: SimulationOptions): Promise<ContactOutcome[]> {
  const queueName = `sim-${options.runId}`;
  const queue = turnQueue(options.connection, queueName);
  const events = new QueueEvents(queueName, { connection: options.connection });
  await events.waitUntilReady();
  const workers = Array.from({ length: options.workers }, () =>
    createTurnWorker({ service: options.service, connection: options.connection, queue: queueName, concurrency: options.concurrency }),
  );
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
    while (next < options.contacts.length) {
      const index = next++;
      const outcome = await handle(options.contacts[index]!);
      outcomes[index] = outcome;
      options.onProgress?.(++done, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.inFlight) }, submitter));
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  return outcomes;
}
