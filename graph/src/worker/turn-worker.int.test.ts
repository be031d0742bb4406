import { QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { dropPrefixedSchemas, sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, describe, expect, it } from 'vitest';
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
    const service = createSupportService({ graph: h.graph });
    const worker = createTurnWorker({ service, connection, prefix, concurrency: 1 });
    const queue = turnQueue(connection, undefined, prefix);
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
  });
});
