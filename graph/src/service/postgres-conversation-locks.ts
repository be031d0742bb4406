import { CommerceError, type Database, type Queryable } from '@agentic-commerce/kit';
import { conversationLocks, type ConversationLocks } from './conversation-lock.ts';

/** The advisory lock a conversation's turn holds: (hashtext(LOCK_NAMESPACE), hashtext(conversation id)). */
export const LOCK_NAMESPACE = 'agentic-commerce:conversation-turn';
/** Connections of the lock pool the apps open: turns one process runs at once; more wait (up to waitMs) for one. */
export const TURN_LOCK_CONNECTIONS = 16;
const DEFAULT_WAIT_MS = 120_000;
const DEFAULT_HEARTBEAT_MS = 2_000;
/** A lock session idle this many heartbeats (no heartbeat came: its process is cut off) is ended by the server. */
const IDLE_LIMIT_HEARTBEATS = 15;
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
 * The turn gets an AbortSignal: when its lock's connection fails or stops answering a heartbeat within heartbeatMs
 * (failover, a killed backend, a partition), another process may take the conversation, so the signal aborts the turn
 * (UNAVAILABLE; the message sent again with its messageId, or the job retried, continues from its last checkpoint). The graph stops at its
 * next step; a node already running (a tool call in flight) finishes, its writes exactly-once by their idempotency
 * keys. A loss in the last heartbeat interval of a turn that then ends is logged, not noticed by the turn. A turn
 * waits at most waitMs in all — behind this process's own turns of the conversation, for a lock connection, for the
 * lock — and a lock database that cannot be reached answers UNAVAILABLE; in each case the turn does not run.
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
      ? `conversation ${conversationId} is running another turn and it did not end within ${waitMs} ms; send again later`
      : `no connection for the turn lock of conversation ${conversationId} within ${waitMs} ms (this process runs as many turns as its lock pool holds); send again later`,
    { details: { reason } });

  return <T>(conversationId: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const deadline = Date.now() + waitMs; // the wait behind this process's own turns of the conversation counts too
    return local(conversationId, async () => {
      for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
        if (Date.now() >= deadline) throw busy(conversationId, 'conversation_busy');
        const outcome = await attempt(conversationId, fn, deadline);
        if (outcome !== BUSY) return outcome.value;
        await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
      }
    });
  };

  /** One try: a lock connection (by the deadline), the lock if free (else BUSY), then the turn with its heartbeat. */
  async function attempt<T>(conversationId: string, fn: (signal: AbortSignal) => Promise<T>, deadline: number): Promise<typeof BUSY | { value: T }> {
    const turn: Turn<T> = { begun: false, abandoned: false, running: false, lost: false };
    let onBegin!: () => void;
    const begins = new Promise<void>((resolve) => (onBegin = resolve));
    let onEnd!: () => void;
    const ends = new Promise<void>((resolve) => (onEnd = resolve));
    const work = db.transaction(async (tx) => {
      if (turn.abandoned) return BUSY; // the caller stopped waiting for this connection
      turn.begun = true;
      onBegin();
      // The lock's transaction idles between heartbeats: a statement limit must not end it, and its idle limit is set so
      // that heartbeats keep a live turn's session, while one cut off by a partition ends on the server (its lock with
      // it) within IDLE_LIMIT_HEARTBEATS heartbeats instead of when TCP keepalive gives up.
      await tx.exec(`SET LOCAL idle_in_transaction_session_timeout = ${heartbeatMs * IDLE_LIMIT_HEARTBEATS}; SET LOCAL statement_timeout = 0`);
      const [row] = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS got', [LOCK_NAMESPACE, conversationId]);
      if (!row?.got) return BUSY;
      turn.running = true;
      try {
        turn.outcome = { value: await whileHeld(tx, conversationId, fn, turn) };
      } catch (error) {
        turn.outcome = { error };
      }
      onEnd();
      if ('error' in turn.outcome) throw turn.outcome.error;
      return turn.outcome;
    });
    work.catch(() => undefined); // settled below, or abandoned
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()))));
    const late = await Promise.race([begins.then(() => false), work.then(() => false, () => false), timedOut]);
    clearTimeout(timer);
    if (late && !turn.begun) {
      turn.abandoned = true;
      throw busy(conversationId, 'lock_pool_busy');
    }
    await Promise.race([work.then(noop, noop), ends]);
    if (!turn.running) {
      try {
        return await work; // BUSY: another process holds the conversation
      } catch (error) {
        // Before the lock was held (the database unreachable, a connection reset): the turn did not run; retry later.
        throw new CommerceError('UNAVAILABLE', `could not take the turn lock of conversation ${conversationId}: ${(error as Error).message}; send again later`, { details: { reason: 'lock_unavailable' }, cause: error });
      }
    }
    // The turn ran. Its COMMIT (releasing the lock) is waited for, unless the lock's connection was found dead mid-turn:
    // then it may never answer, and the lock went with the connection anyway.
    let released = !turn.lost;
    // A COMMIT that does not answer within a heartbeat (the link went quiet after the last one) is not waited for either.
    if (released) released = await withTimeout(work, heartbeatMs, 'the lock connection did not answer the COMMIT').then(() => true, () => false);
    const outcome = turn.outcome!;
    if ('error' in outcome) throw outcome.error;
    if (!released && !turn.lost) options.logger?.warn({ conversationId }, "the turn lock's COMMIT failed or did not answer as the turn finished; another turn may have started just before");
    return outcome;
  }

  /**
   * Runs the turn, checking every heartbeatMs that the lock's connection answers (within heartbeatMs); when it fails or
   * hangs, the lock may be gone, so the turn is aborted through its signal.
   */
  async function whileHeld<T>(tx: Queryable, conversationId: string, fn: (signal: AbortSignal) => Promise<T>, turn: Turn<T>): Promise<T> {
    const controller = new AbortController();
    let beating: Promise<unknown> = Promise.resolve();
    const lose = (error: unknown) => {
      if (turn.lost) return;
      turn.lost = true;
      clearInterval(timer);
      options.logger?.warn({ conversationId, err: error }, 'lost the turn lock mid-turn (its connection failed or stopped answering); aborting the turn');
      controller.abort(new CommerceError('UNAVAILABLE', `the turn of conversation ${conversationId} lost its lock (the database connection holding it failed), so it was stopped after its last completed step; send the message again with the same messageId (a job: retry it) to continue it`, { details: { reason: 'turn_lock_lost' } }));
    };
    const timer = setInterval(() => {
      beating = beating.then(() => withTimeout(tx.query('SELECT 1'), heartbeatMs, 'the lock connection did not answer a heartbeat')).catch(lose);
    }, heartbeatMs);
    try {
      return await fn(controller.signal); // ended before the abort took effect: its result stands (the loss is logged)
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearInterval(timer);
      if (!turn.lost) await beating.catch(() => undefined);
    }
  }
}

interface Turn<T> {
  begun: boolean;
  abandoned: boolean;
  running: boolean;
  lost: boolean;
  outcome?: { value: T } | { error: unknown };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const noop = () => undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
