import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefixedSchemas, sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import type { McpToolbox } from './mcp/mcp-toolbox.ts';
import type { State } from './state.ts';
import { graphHarness } from './testing/graph-harness.ts';
import { supportScript } from './testing/support-script.ts';

// PGlite takes seconds to start (much longer on a busy machine): pay it once, outside any test's timeout.
beforeAll(() => sharedPglite(), 300_000);

const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefixedSchemas(await sharedPglite(), p);
});

/** Lets the first write through to the server, then dies before the graph can record it: a crash mid-node. */
function crashAfterFirstWrite(): { wrap: (t: McpToolbox) => McpToolbox; crashed: () => boolean } {
  let crashed = false;
  return {
    crashed: () => crashed,
    wrap: (toolbox) => ({
      ...toolbox,
      async call(name, args, options) {
        const outcome = await toolbox.call(name, args, options);
        if (!crashed && toolbox.get(name)?.write && outcome.ok) {
          crashed = true;
          throw new Error('simulated process crash after the server committed');
        }
        return outcome;
      },
    }),
  };
}

describe('approvals and resumption', { timeout: 180_000 }, () => {
  it('resumes exactly once after a crash between approval and execution', async () => {
    const crash = crashAfterFirstWrite();
    const h = await graphHarness({ wrapToolbox: crash.wrap });
    prefixes.push(h.shop.prefix);
    await h.say('exchange my bottle please, sara.doe@example.com');
    const paused = await h.say('yes');
    await h.shop.runtime.approvals.approve(paused.approval!.approvalId, h.operator);
    await expect(h.decide({ decision: 'approve' })).rejects.toThrow('simulated process crash');
    expect(crash.crashed()).toBe(true);
    expect(await h.shop.effects()).toHaveLength(1);

    // A restarted process picks the thread up from its last checkpoint and finishes the turn.
    const restarted = h.restart();
    await restarted.invoke(null, h.config);
    const state = (await restarted.getState(h.config)).values as State;
    expect(await h.shop.effects()).toHaveLength(1);
    expect(state.toolQueue).toBeNull();
    const last = state.messages.at(-1);
    expect(String(last?.content)).toContain('exchange requested');
    await h.close();
  });

  it('approves and rejects parallel calls one by one without re-running the others', async () => {
    const h = await graphHarness({ script: supportScript({ exchangeBoth: true }) });
    prefixes.push(h.shop.prefix);
    await h.say('exchange both items, sara.doe@example.com');
    const first = await h.say('confirm');
    expect(first.approval?.arguments).toMatchObject({ item_ids: ['1001'] });
    await h.shop.runtime.approvals.approve(first.approval!.approvalId, h.operator);

    const second = await h.decide({ decision: 'approve' });
    expect(second.approval?.arguments).toMatchObject({ item_ids: ['2001'] });
    expect((await h.shop.effects()).map((e) => e.tool)).toEqual(['exchange_delivered_order_items']);

    await h.shop.runtime.approvals.reject(second.approval!.approvalId, h.operator, { note: 'lamp discontinued' });
    const done = await h.decide({ decision: 'reject', note: 'lamp discontinued' });
    expect(done.approval).toBeUndefined();
    expect(await h.shop.effects()).toHaveLength(1);
    const toolResults = done.state.messages.filter((m) => m.getType() === 'tool' && m.name === 'exchange_delivered_order_items').map((m) => String(m.content));
    expect(toolResults).toHaveLength(2);
    expect(toolResults[0]).toContain('exchange requested');
    expect(toolResults[1]).toContain('REJECTED');
    await h.close();
  });

  it('runs the call with the arguments an operator edited and approved', async () => {
    const h = await graphHarness();
    prefixes.push(h.shop.prefix);
    await h.say('exchange my bottle, sara.doe@example.com');
    const paused = await h.say('yes');
    const edited = { ...paused.approval!.arguments, payment_method_id: 'gift_card_222' };
    await h.shop.runtime.approvals.approve(paused.approval!.approvalId, h.operator, { arguments: edited });
    const done = await h.decide({ decision: 'edit', arguments: edited });
    expect(done.approval).toBeUndefined();
    const effects = await h.shop.effects();
    expect(effects).toHaveLength(1);
    // The kit executes an approved call only if its arguments hash matches the approved (edited) arguments.
    const approval = await h.shop.runtime.approvals.get(paused.approval!.approvalId);
    expect(approval).toMatchObject({ status: 'used', edited: true, arguments: expect.objectContaining({ payment_method_id: 'gift_card_222' }) });
    const call = done.state.messages.find((m) => m.getType() === 'tool' && m.name === 'exchange_delivered_order_items');
    expect(String(call?.content)).toContain('exchange requested');
    await h.close();
  });

  it('refuses a malformed operator decision and keeps waiting on the same request', async () => {
    const h = await graphHarness();
    prefixes.push(h.shop.prefix);
    await h.say('exchange my bottle, sara.doe@example.com');
    const paused = await h.say('yes');
    await expect(h.decide({ decision: 'maybe' } as never)).rejects.toThrow(/invalid approval decision/);
    const still = await h.settle();
    expect(still.approval?.approvalId).toBe(paused.approval?.approvalId);
    expect(await h.shop.effects()).toEqual([]);
    await h.close();
  });
});
