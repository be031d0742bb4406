import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { approvalDecisionSchema } from '../approvals/approval-request.ts';
import type { SupportService, TurnOutcome } from '../service/support-service.ts';
import { permanentFailure } from './turn-failures.ts';
import { DEFAULT_QUEUE, turnJobSchema, type TurnJob } from './turn-jobs.ts';

export interface TurnWorkerOptions {
  service: SupportService;
  connection: ConnectionOptions;
  queue?: string;
  /** Turns this process runs at once (scale further by starting more workers). */
  concurrency?: number;
  prefix?: string;
  /**
   * How soon a job whose worker died is handed to another (BullMQ's lock duration and stalled-job check; default
   * 30 s). A live worker renews its locks at half that interval, so keep it well above any event-loop stall.
   */
  stalledAfterMs?: number;
  /** This worker's name, recorded on each job it takes (job.processedBy). */
  name?: string;
}

type Outcome = Pick<TurnOutcome, 'conversationId' | 'reply' | 'awaiting' | 'approval'>;

/**
 * Runs submitted graph turns. A failed attempt is retried by BullMQ; the retry continues the conversation from its
 * last checkpoint (the job id is the message id) and every write carries an idempotency key derived from the thread
 * and the tool call, so no side effect happens twice however often a job is retried or re-delivered.
 * A job that can never succeed (malformed, an empty or over-long message, an unknown conversation, an approval the
 * conversation is not waiting for, a conversation bound to another customer) fails at once with BullMQ's
 * `UnrecoverableError` and the reason; only other failures (a model endpoint or database down, a crash) are retried.
 */
export function createTurnWorker(options: TurnWorkerOptions): Worker<TurnJob, Outcome> {
  const { service } = options;
  return new Worker<TurnJob, Outcome>(
    options.queue ?? DEFAULT_QUEUE,
    async (job: Job<TurnJob, Outcome>) => {
      try {
        return await runTurn(service, job);
      } catch (error) {
        throw permanentFailure(error);
      }
    },
    {
      connection: options.connection,
      concurrency: options.concurrency ?? 4,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      ...(options.name ? { name: options.name } : {}),
      ...(options.stalledAfterMs ? { lockDuration: options.stalledAfterMs, stalledInterval: options.stalledAfterMs } : {}),
    },
  );
}

async function runTurn(service: SupportService, job: Job<TurnJob, Outcome>): Promise<Outcome> {
  const parsed = turnJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`job ${job.id} is not a turn job: ${issues(parsed.error)}`);
  const data = parsed.data;
  let outcome: TurnOutcome;
  if (data.kind === 'message') {
    await bindConversation(service, data.conversationId, data.customerId);
    outcome = await service.sendMessage(data.conversationId, data.text, undefined, { messageId: `job:${job.id}` });
  } else {
    const decision = approvalDecisionSchema.safeParse(data.decision);
    if (!decision.success) throw new UnrecoverableError(`job ${job.id} has no valid decision: ${issues(decision.error)}`);
    const operator = { kind: 'operator' as const, id: data.operatorId, scopes: ['approvals:resolve'] };
    outcome = await service.resolveApproval(data.conversationId, data.approvalId, operator, decision.data);
  }
  return { conversationId: outcome.conversationId, reply: outcome.reply, awaiting: outcome.awaiting, approval: outcome.approval };
}

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }): string =>
  error.issues.map((i) => `${i.path.map(String).join('.') || '(job)'}: ${i.message}`).join('; ');

/**
 * A new conversation is created bound to the job's customer (or to none). An existing one keeps its binding: a job
 * without `customerId` continues it as it is, and a job naming another customer (or a customer for a conversation
 * bound to none) is refused, so a job can never hand a conversation and its history to someone else.
 */
async function bindConversation(service: SupportService, conversationId: string, customerId: string | undefined): Promise<void> {
  if (!(await service.exists(conversationId))) {
    await service.startConversation({ conversationId, customerId, principalKind: 'service' });
    return;
  }
  if (customerId === undefined || (await service.customerOf(conversationId)) === customerId) return;
  throw new UnrecoverableError(
    `conversation ${conversationId} is not bound to customer ${customerId}; a job cannot move an existing conversation to another customer `
      + '(submit without customerId to continue it as it is, or use a new conversationId)',
  );
}

/** The submitting side: backend systems enqueue turns (job id = idempotency of the submission itself). */
export function turnQueue(connection: ConnectionOptions, name = DEFAULT_QUEUE, prefix?: string): Queue<TurnJob, Outcome> {
  return new Queue<TurnJob, Outcome>(name, {
    connection,
    ...(prefix ? { prefix } : {}),
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: 1000, removeOnFail: 5000 },
  });
}

export async function submitTurn(queue: Queue<TurnJob, Outcome>, jobId: string, job: TurnJob) {
  const parsed = turnJobSchema.parse(job);
  if (!/^[A-Za-z0-9._-]{1,120}$/.test(jobId)) throw new Error(`job id "${jobId}" must be 1-120 characters of A-Z a-z 0-9 . _ -`);
  return queue.add(parsed.kind, parsed, { jobId });
}
