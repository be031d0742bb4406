import { createServer, connect, type Server, type Socket } from 'node:net';
import { openPostgresDatabase, type Database } from '@agentic-commerce/kit';
import { testPostgresUrl } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_NAMESPACE, postgresConversationLocks } from './postgres-conversation-locks.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('postgresConversationLocks', () => {
  it('needs PostgreSQL and a positive wait', () => {
    const engine = (kind: string) => ({ kind }) as Database;
    expect(() => postgresConversationLocks(engine('pglite'))).toThrow('postgresConversationLocks needs a PostgreSQL database, got pglite');
    expect(() => postgresConversationLocks(engine('postgres'), { waitMs: 0 })).toThrow('waitMs must be a positive whole number of milliseconds, got 0');
    expect(() => postgresConversationLocks(engine('postgres'), { heartbeatMs: 1.5 })).toThrow('heartbeatMs must be a positive whole number of milliseconds, got 1.5');
  });
});

describe.skipIf(!testPostgresUrl())('postgresConversationLocks across processes on PostgreSQL', { timeout: 60_000 }, () => {
  // Two "processes": each its own pool and its own locks, as two API replicas or workers have.
  let poolA: Database;
  let poolB: Database;
  const conversation = () => `conv-${Math.random().toString(36).slice(2)}`;
  beforeAll(async () => {
    [poolA, poolB] = await Promise.all([openPostgresDatabase(testPostgresUrl()!, { max: 4 }), openPostgresDatabase(testPostgresUrl()!, { max: 4 })]);
  });
  afterAll(async () => {
    await poolA.close();
    await poolB.close();
  });

  it("runs one conversation's turns one at a time across processes, and other conversations' turns beside them", async () => {
    const a = postgresConversationLocks(poolA);
    const b = postgresConversationLocks(poolB);
    const x = conversation();
    const y = conversation();
    const running = new Map<string, number>();
    let most = { x: 0, all: 0 };
    const turn = (id: string, log: string[], name: string) => async () => {
      running.set(id, (running.get(id) ?? 0) + 1);
      most = { x: Math.max(most.x, running.get(x) ?? 0), all: Math.max(most.all, [...running.values()].reduce((s, n) => s + n, 0)) };
      await sleep(40);
      log.push(name);
      running.set(id, running.get(id)! - 1);
      return name;
    };
    const log: string[] = [];
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a)(x, turn(x, log, `x${i}`))),
      ...Array.from({ length: 3 }, (_, i) => b(y, turn(y, log, `y${i}`))),
    ]);
    expect(results).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'y0', 'y1', 'y2']);
    expect(log.filter((n) => n.startsWith('x'))).toHaveLength(6);
    expect(most.x).toBe(1); // never two turns of x at once, though half ran in each process
    expect(most.all).toBeGreaterThan(1); // y's turns ran beside x's
  });

  it('refuses a turn that waited past waitMs with UNAVAILABLE, without running it', async () => {
    const x = conversation();
    let ran = false;
    const holding = postgresConversationLocks(poolA)(x, () => sleep(800));
    await sleep(100);
    await expect(postgresConversationLocks(poolB, { waitMs: 150 })(x, async () => void (ran = true))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: `conversation ${x} is running another turn and it did not end within 150 ms; send again later`,
      details: { reason: 'conversation_busy' },
    });
    await holding;
    expect(ran).toBe(false);
    await postgresConversationLocks(poolB, { waitMs: 150 })(x, async () => void (ran = true)); // free again
    expect(ran).toBe(true);
  });

  it('frees a conversation whose holder died: its connection ends and the waiting turn runs', async () => {
    const x = conversation();
    const dying = await openPostgresDatabase(testPostgresUrl()!, { max: 1 });
    let pid = 0;
    let held!: () => void;
    const holds = new Promise<void>((resolve) => (held = resolve));
    const holder = dying.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [LOCK_NAMESPACE, x]); // the documented key
      pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;
      held();
      await tx.query('SELECT pg_sleep(30)');
    });
    const holderEnded = holder.then(() => 'committed', () => 'failed');
    await holds;
    let ranAt = 0;
    const waiting = postgresConversationLocks(poolA)(x, async () => void (ranAt = Date.now()));
    await sleep(200);
    expect(ranAt).toBe(0); // still waiting on the holder
    const killedAt = Date.now();
    await poolB.query('SELECT pg_terminate_backend($1)', [pid]);
    await waiting;
    expect(ranAt).toBeGreaterThanOrEqual(killedAt);
    expect(await holderEnded).toBe('failed');
    await dying.close().catch(() => undefined);
  });

  it('a turn waiting for another process keeps no connection: other conversations run meanwhile on a one-connection pool', async () => {
    const small = await openPostgresDatabase(testPostgresUrl()!, { max: 1 });
    try {
      const x = conversation();
      const holding = postgresConversationLocks(poolA)(x, () => sleep(1500));
      await sleep(100);
      const b = postgresConversationLocks(small, { waitMs: 5000 });
      const waiting = b(x, async () => 'x ran');
      const started = Date.now();
      expect(await b(conversation(), async () => 'y ran')).toBe('y ran');
      expect(Date.now() - started).toBeLessThan(1000); // not behind x's wait
      await holding;
      expect(await waiting).toBe('x ran');
    } finally {
      await small.close();
    }
  });

  it('refuses a turn that found no lock connection within waitMs with UNAVAILABLE, and never runs it', async () => {
    const small = await openPostgresDatabase(testPostgresUrl()!, { max: 1 });
    try {
      const b = postgresConversationLocks(small, { waitMs: 300 });
      const long = b(conversation(), () => sleep(800)); // holds the pool's one connection
      await sleep(50);
      let ran = false;
      await expect(b(conversation(), async () => void (ran = true))).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'lock_pool_busy' } });
      await long;
      await sleep(100);
      expect(ran).toBe(false); // the connection it had asked for came later; the turn was not run then either
    } finally {
      await small.close();
    }
  });

  it("aborts a turn whose lock's connection ended mid-turn, and the conversation is free for another process", async () => {
    const x = conversation();
    const warnings: string[] = [];
    const a = postgresConversationLocks(poolA, { heartbeatMs: 50, logger: { warn: (_f, message) => void warnings.push(message) } });
    let aborted: unknown;
    const turn = a(x, (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject((aborted = signal.reason)))));
    turn.catch(() => undefined);
    await sleep(150);
    const [holder] = await poolB.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = hashtext($1)::oid AND objid = hashtext($2)::oid AND granted`, [LOCK_NAMESPACE, x],
    );
    await poolB.query('SELECT pg_terminate_backend($1)', [holder!.pid]);
    await expect(turn).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'turn_lock_lost' } });
    expect(aborted).toMatchObject({ details: { reason: 'turn_lock_lost' } }); // the turn itself saw the signal
    expect(warnings).toEqual(['lost the turn lock mid-turn (its connection failed or stopped answering); aborting the turn']);
    expect(await postgresConversationLocks(poolB, { waitMs: 1000 })(x, async () => 'next turn')).toBe('next turn');
  });

  it("counts the wait behind this process's own turns of the conversation towards waitMs", async () => {
    const a = postgresConversationLocks(poolA, { waitMs: 300 });
    const x = conversation();
    let thirdRan = false;
    const turns = [a(x, () => sleep(250)), a(x, () => sleep(250)), a(x, async () => void (thirdRan = true))];
    const settled = await Promise.allSettled(turns);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'conversation_busy' } });
    expect(thirdRan).toBe(false);
  });

  it('answers UNAVAILABLE, without running the turn, when the lock database cannot be reached', async () => {
    const proxy = await tcpProxy();
    const db = await openPostgresDatabase(`postgres://postgres@127.0.0.1:${proxy.port}/test`, { max: 1 });
    try {
      const locks = postgresConversationLocks(db, { waitMs: 2000 });
      expect(await locks(conversation(), async () => 'while it is up')).toBe('while it is up');
      await proxy.close(); // the database goes away: connections reset, new ones refused
      let ran = false;
      await expect(locks(conversation(), async () => void (ran = true))).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'lock_unavailable' } });
      expect(ran).toBe(false);
    } finally {
      await db.close().catch(() => undefined);
    }
  });

  it('aborts a turn whose lock connection stops answering (a network partition), instead of running on beside the next holder', async () => {
    const proxy = await tcpProxy();
    const db = await openPostgresDatabase(`postgres://postgres@127.0.0.1:${proxy.port}/test`, { max: 1 });
    try {
      const x = conversation();
      const a = postgresConversationLocks(db, { heartbeatMs: 100 });
      const turn = a(x, (signal) => new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
        setTimeout(resolve, 5000);
      }));
      turn.catch(() => undefined);
      await sleep(200);
      proxy.freeze(); // nothing passes any more, and nothing tells the client
      const [holder] = await poolB.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = hashtext($1)::oid AND objid = hashtext($2)::oid AND granted`, [LOCK_NAMESPACE, x],
      );
      await poolB.query('SELECT pg_terminate_backend($1)', [holder!.pid]); // the server ends its side (failover, keepalive)
      const started = Date.now();
      await expect(turn).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'turn_lock_lost' } });
      expect(Date.now() - started).toBeLessThan(1500); // noticed by the heartbeat's own deadline, not TCP's
      expect(await postgresConversationLocks(poolB, { waitMs: 1000 })(x, async () => 'next turn')).toBe('next turn');
    } finally {
      await proxy.close();
      void db.close().catch(() => undefined); // its frozen connection is never answered
    }
  });

  it('a lock session cut off by a partition is ended by the server within its idle limit, so the next process gets the conversation', async () => {
    const proxy = await tcpProxy();
    const db = await openPostgresDatabase(`postgres://postgres@127.0.0.1:${proxy.port}/test`, { max: 1 });
    try {
      const x = conversation();
      const turn = postgresConversationLocks(db, { heartbeatMs: 100 })(x, (signal) => new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
        setTimeout(resolve, 10_000);
      }));
      turn.catch(() => undefined);
      await sleep(200);
      proxy.freeze(); // no heartbeat reaches the server any more; nobody ends the session by hand
      const started = Date.now();
      expect(await postgresConversationLocks(poolB, { waitMs: 8000 })(x, async () => 'next turn')).toBe('next turn');
      expect(Date.now() - started).toBeLessThan(5000); // 15 heartbeats (1.5 s) of idleness, not TCP keepalive's hours
      await expect(turn).rejects.toMatchObject({ details: { reason: 'turn_lock_lost' } });
    } finally {
      await proxy.close();
      void db.close().catch(() => undefined);
    }
  });

  it("answers a turn that ended when the link went quiet without waiting for its lock's COMMIT, and logs it", async () => {
    const proxy = await tcpProxy();
    const db = await openPostgresDatabase(`postgres://postgres@127.0.0.1:${proxy.port}/test`, { max: 1 });
    try {
      const warnings: string[] = [];
      const locks = postgresConversationLocks(db, { heartbeatMs: 200, logger: { warn: (_f, message) => void warnings.push(message) } });
      const started = Date.now();
      expect(await locks(conversation(), async () => { proxy.freeze(); return 'done'; })).toBe('done'); // its COMMIT is never answered
      expect(Date.now() - started).toBeLessThan(2000);
      expect(warnings).toEqual(["the turn lock's COMMIT failed or did not answer as the turn finished; another turn may have started just before"]);
    } finally {
      await proxy.close();
      void db.close().catch(() => undefined);
    }
  });
});

/** A TCP proxy to the test PostgreSQL that can stop passing bytes (freeze) or go away (close). */
async function tcpProxy(): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const target = new URL(testPostgresUrl()!);
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      from.on('data', (data) => void (frozen || to.write(data)));
      from.on('end', () => void (frozen || to.end()));
      from.on('error', () => undefined);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => void (frozen = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
