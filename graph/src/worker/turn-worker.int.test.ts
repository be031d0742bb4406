import { QueueEvents, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { dropPrefixedSchemas, sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpToolbox } from '../mcp/mcp-toolbox.ts';
import { createSupportService } from '../service/support-service.ts';
import { graphHarness } from '../testing/graph-harness.ts';
import { createTurnWorker, submitTurn, turnQueue } from './turn-worker.ts';

const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15');
const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0), maxRetriesPerRequest: null };
const prefix = `test-${randomUUID().slice(0, 8)}`;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A worker on its own queue over `h`'s graph, with its queue and events; all closed (and the shop dropped) after the tests. */
async function startWorker(h: Awaited<ReturnType<typeof graphHarness>>, options: { queue?: string; concurrency: number }) {
  const service = createSupportService({ graph: h.graph });
  const worker = createTurnWorker({ service, connection, prefix, concurrency: options.concurrency, ...(options.queue ? { queue: options.queue } : {}) });
  const queue = turnQueue(connection, options.queue, prefix);
  const events = new QueueEvents(queue.name, { connection, prefix });
  cleanup.push(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await h.close();
    await dropPrefixedSchemas(await sharedPglite(), h.shop.prefix);
  });
  await events.waitUntilReady();
  return { service, queue, events };
}

describe('BullMQ turn worker (Redis)', () => {
  it('runs submitted turns and retries a crashed one without repeating its side effect', { timeout: 180_000 }, async () => {
    let crashes = 0;
    const h = await graphHarness({
      wrapToolbox: (toolbox: McpToolbox) => ({
        ...toolbox,
        async call(name, args, options) {
          const outcome = await toolbox.call(name, args, options);
          if (crashes === 0 && toolbox.get(name)?.write && outcome.ok) {
            crashes += 1;
            throw new Error('worker died after the server committed');
          }
          return outcome;
        },
      }),
    });
    const { queue, events } = await startWorker(h, { concurrency: 1 });

    const conversationId = `conv-${randomUUID().slice(0, 8)}`;
    const first = await submitTurn(queue, `${conversationId}-1`, { kind: 'message', conversationId, text: 'return my bottle, sara.doe@example.com' });
    expect((await first.waitUntilFinished(events, 60_000)).awaiting).toBe('confirmation');

    const second = await submitTurn(queue, `${conversationId}-2`, { kind: 'message', conversationId, text: 'yes' });
    const outcome = await second.waitUntilFinished(events, 60_000);
    expect(crashes).toBe(1);
    expect(outcome.reply).toContain('return requested');
    expect((await queue.getJob(second.id!))?.attemptsMade).toBe(2);
    expect(await h.shop.effects()).toHaveLength(1);

    // Submitting the same job id again is deduplicated by the queue; nothing runs twice.
    await submitTurn(queue, `${conversationId}-2`, { kind: 'message', conversationId, text: 'yes' });
    expect(await h.shop.effects()).toHaveLength(1);
  });

  it('refuses malformed jobs with a clear error', async () => {
    const queue = turnQueue(connection, undefined, prefix);
    cleanup.push(() => queue.close());
    await expect(submitTurn(queue, 'bad id!', { kind: 'message', conversationId: 'c', text: 'hi' })).rejects.toThrow(/job id/);
    await expect(submitTurn(queue, 'ok', { kind: 'message', conversationId: 'c', text: '' } as never)).rejects.toThrow();
    await expect(submitTurn(queue, 'ok', { kind: 'message', conversationId: 'c', text: ' \n\t ' })).rejects.toThrow(/text/);
  });
});

describe('BullMQ turn worker: bindings and jobs that cannot succeed (Redis)', () => {
  const setup = async () => {
    const { service, queue, events } = await startWorker(await graphHarness(), { queue: 'graph-turns-refusals', concurrency: 2 });
    /** Waits for the job to fail and answers why and after how many attempts. */
    const failure = async (job: Job) => {
      await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow();
      const after = await queue.getJob(job.id!);
      return { state: await after?.getState(), attempts: after?.attemptsMade, reason: after?.failedReason ?? '' };
    };
    return { service, queue, events, failure };
  };
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  }, 60_000);

  it("keeps a conversation's customer when a follow-up job omits customerId, and refuses a job naming another", { timeout: 60_000 }, async () => {
    const { service, queue, events, failure } = env;
    const { conversationId } = await service.startConversation({ customerId: 'sara_doe_496', principalKind: 'customer' });
    const first = await submitTurn(queue, `${conversationId}-1`, { kind: 'message', conversationId, text: 'hello' });
    await first.waitUntilFinished(events, 30_000);
    expect(await service.customerOf(conversationId)).toBe('sara_doe_496');

    const other = await submitTurn(queue, `${conversationId}-2`, { kind: 'message', conversationId, customerId: 'mallory_1', text: 'show me the history' });
    const refused = await failure(other);
    expect(refused).toMatchObject({ state: 'failed', attempts: 1 });
    expect(refused.reason).toMatch(/not bound to customer mallory_1/);
    expect(await service.customerOf(conversationId)).toBe('sara_doe_496');

    // A conversation bound to no customer cannot be claimed by one either.
    const { conversationId: unbound } = await service.startConversation({ principalKind: 'service' });
    await (await submitTurn(queue, `${unbound}-1`, { kind: 'message', conversationId: unbound, text: 'hello' })).waitUntilFinished(events, 30_000);
    expect(await failure(await submitTurn(queue, `${unbound}-2`, { kind: 'message', conversationId: unbound, customerId: 'mallory_1', text: 'hi' }))).toMatchObject({ attempts: 1 });
    expect(await service.customerOf(unbound)).toBeUndefined();

    // A new conversation is still created with the job's customer.
    const fresh = `conv-${randomUUID().slice(0, 8)}`;
    await (await submitTurn(queue, `${fresh}-1`, { kind: 'message', conversationId: fresh, customerId: 'sara_doe_496', text: 'hello' })).waitUntilFinished(events, 30_000);
    expect(await service.customerOf(fresh)).toBe('sara_doe_496');
  });

  it('fails jobs that can never succeed at once, with the reason, and leaves no conversation behind', { timeout: 60_000 }, async () => {
    const { service, queue, failure } = env;
    const malformed = await failure(await queue.add('message', { kind: 'message', conversationId: 'x' } as never, { jobId: `bad-${randomUUID()}` }));
    expect(malformed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(malformed.reason).toMatch(/not a turn job: text/);

    const blank = `conv-${randomUUID().slice(0, 8)}`;
    const whitespace = await failure(await queue.add('message', { kind: 'message', conversationId: blank, text: '   ' }, { jobId: `ws-${randomUUID()}` }));
    expect(whitespace).toMatchObject({ state: 'failed', attempts: 1 });
    expect(whitespace.reason).toMatch(/text/);
    expect(await service.exists(blank)).toBe(false);

    const tooLong = await failure(await queue.add('message', { kind: 'message', conversationId: blank, text: 'a'.repeat(4001) }, { jobId: `long-${randomUUID()}` }));
    expect(tooLong).toMatchObject({ state: 'failed', attempts: 1 });
    expect(await service.exists(blank)).toBe(false);

    const approval = await failure(
      await submitTurn(queue, `appr-${randomUUID()}`, { kind: 'approval', conversationId: 'nope', approvalId: 'a1', operatorId: 'op:x', decision: { decision: 'approve' } }),
    );
    expect(approval).toMatchObject({ state: 'failed', attempts: 1 });
    expect(approval.reason).toMatch(/not waiting for approval a1/);

    const decision = await failure(
      await submitTurn(queue, `dec-${randomUUID()}`, { kind: 'approval', conversationId: 'nope', approvalId: 'a1', operatorId: 'op:x', decision: { decision: 'maybe' } }),
    );
    expect(decision).toMatchObject({ state: 'failed', attempts: 1 });
    expect(decision.reason).toMatch(/no valid decision/);
  });
});
