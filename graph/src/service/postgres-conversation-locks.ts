import { CommerceError, type Database, type Queryable } from '@agentic-commerce/kit';
import { conversationLocks, type ConversationLocks } from './conversation-lock.ts';

/** The advisory lock a conversation's turn holds: (hashtext(LOCK_NAMESPACE), hashtext(conversation id)). */
export const LOCK_NAMESPACE = 'agentic-commerce:conversation-turn';
/** Connections of the lock pool the apps open: turns one process runs at once; more wait (up to waitMs) for one. */
export const TURN_LOCK_CONNECTIONS = 16;
const DEFAULT_WAIT_MS = 120_000;
const DEFAULT_HEARTBEAT_MS = 2_000;
const BUSY = Symbol('busy');

export interface PostgresConversationLocksOptions {
  /** How long a turn waits — for another process's turn on its conversation, or for a lock connection — before UNAVAILABLE. */
  waitMs?: number;
  /** How often a running turn checks that its lock's connection is alive (default 2 s). */
  heartbeatMs?: number;
  /** Told when a turn may have run without its lock for a while (its connection ended). */
  logger?: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * One turn at a time per conversation across every process on one PostgreSQL database (API replicas, BullMQ workers).
 * A running turn holds a transaction-level advisory lock on its conversation, in a transaction on `db` that writes
 * nothing, so the lock goes when the turn ends or its process or connection dies. `db` should be a pool of its own:
 * each running turn keeps one of its connections; a turn waiting for another process's turn keeps none (it retries
 * `pg_try_advisory_xact_lock` with backoff). Within a process turns queue in memory first. A turn that has not got its
 * lock within `waitMs` is refused UNAVAILABLE without running (a worker retries it; the API answers 503).
 * The turn gets an AbortSignal: when its lock's connection ends mid-turn (failover, a killed backend) another process
 * may take the conversation, so the signal aborts the turn (UNAVAILABLE; it continues from its last checkpoint when
 * run again). Only a loss in the last heartbeat interval of a turn that then ends can go unnoticed by it; it is logged.
 */
export function postgresConversationLocks(db: Database, options: PostgresConversationLocksOptions = {}): ConversationLocks {
  if (db.kind !== 'postgres') throw new Error(`postgresConversationLocks needs a PostgreSQL database, got ${db.kind} (one process on PGlite: conversationLocks() serialises its turns)`);
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  for (const [name, v] of [['waitMs', waitMs], ['heartbeatMs', heartbeatMs]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive whole number of milliseconds, got ${v}`);
  }
  const local = conversationLocks();
  const busy = (conversationId: string, reason: 'conversation_busy' | 'lock_pool_busy') =>
    new CommerceError('UNAVAILABLE', reason === 'conversation_busy'
      ? `conversation ${conversationId} is running a turn in another process and it did not end within ${waitMs} ms; send again later`
      : `no connection for the turn lock of conversation ${conversationId} within ${waitMs} ms (this process runs as many turns as its lock pool holds); send again later`,
    { details: { reason } });

  return <T>(conversationId: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    local(conversationId, async () => {
      const deadline = Date.now() + waitMs;
      for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
        const outcome = await attempt(conversationId, fn, deadline);
        if (outcome !== BUSY) return outcome.value;
        const left = deadline - Date.now();
        if (left <= 0) throw busy(conversationId, 'conversation_busy');
        await sleep(Math.min(pause, left));
      }
    });

  /** One try: a lock connection (by the deadline), the lock if free (else BUSY), then the turn with its heartbeat. */
  async function attempt<T>(conversationId: string, fn: (signal: AbortSignal) => Promise<T>, deadline: number): Promise<typeof BUSY | { value: T }> {
    let begun = false;
    let abandoned = false;
    let finished: { value: T } | undefined;
    let onBegin!: () => void;
    const begins = new Promise<void>((resolve) => (onBegin = resolve));
    const work = db.transaction(async (tx) => {
      if (abandoned) return BUSY; // the caller stopped waiting for this connection
      begun = true;
      onBegin();
      // The lock's transaction idles for the whole turn: server-wide idle or statement limits must not end it.
      await tx.exec('SET LOCAL idle_in_transaction_session_timeout = 0; SET LOCAL statement_timeout = 0');
      const [row] = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS got', [LOCK_NAMESPACE, conversationId]);
      if (!row?.got) return BUSY;
      finished = { value: await whileHeld(tx, conversationId, fn) };
      return finished;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()))));
    const late = await Promise.race([begins.then(() => false), work.then(() => false, () => false), timedOut]);
    clearTimeout(timer);
    if (late && !begun) {
      abandoned = true;
      work.catch(() => undefined);
      throw busy(conversationId, 'lock_pool_busy');
    }
    try {
      return await work;
    } catch (error) {
      if (!finished) throw error;
      // The turn ended; releasing its lock failed because the connection ended, which released the lock at that moment.
      options.logger?.warn({ conversationId, err: error }, 'the turn lock connection ended as the turn finished; another turn may have started just before');
      return finished;
    }
  }

  /** Runs the turn, checking every heartbeatMs that the lock's connection lives; aborts the turn when it does not. */
  async function whileHeld<T>(tx: Queryable, conversationId: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let beating: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      beating = beating.then(() => tx.query('SELECT 1')).catch((error: unknown) => {
        clearInterval(timer);
        options.logger?.warn({ conversationId, err: error }, 'lost the turn lock mid-turn (its connection ended); aborting the turn');
        controller.abort(new CommerceError('UNAVAILABLE', `the turn of conversation ${conversationId} lost its lock (the database connection holding it ended), so it was stopped; send again to continue from its last step`, { details: { reason: 'turn_lock_lost' } }));
      });
    }, heartbeatMs);
    try {
      return await fn(controller.signal); // ended before the abort took effect: its result stands (the loss is logged)
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearInterval(timer);
      await beating.catch(() => undefined);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
