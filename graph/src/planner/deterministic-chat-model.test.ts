import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDeterministicPlanner } from './index.ts';
import { tauBenchTools } from './testing/tau-tools.ts';

const findByEmail = tool(async () => 'unused', {
  name: 'find_user_id_by_email',
  description: 'find the user id by email',
  schema: z.object({ email: z.string() }),
});

describe('createDeterministicPlanner (LangChain chat model)', () => {
  it('binds LangChain tools and answers with an AIMessage carrying one tool call', async () => {
    const model = createDeterministicPlanner().bindTools([findByEmail]);
    const reply = (await model.invoke([new SystemMessage('Role: returns'), new HumanMessage('return my kettle, email sara.doe@example.com')])) as AIMessage;
    expect(reply.tool_calls).toEqual([{ id: expect.stringMatching(/^call_/), name: 'find_user_id_by_email', args: { email: 'sara.doe@example.com' }, type: 'tool_call' }]);
    expect(reply.content).toBe('');
  });

  it('answers with text when it needs something from the customer', async () => {
    const model = createDeterministicPlanner().bindTools(tauBenchTools);
    const reply = (await model.invoke([new SystemMessage('Role: returns'), new HumanMessage('I want to return something')])) as AIMessage;
    expect(reply.tool_calls ?? []).toEqual([]);
    expect(reply.text).toMatch(/email address/);
  });

  it('gives the same reply, tool-call id included, for the same history (checkpoints resume it)', async () => {
    const model = createDeterministicPlanner().bindTools([findByEmail]);
    const history = [new SystemMessage('Role: returns'), new HumanMessage('cancel my order; my email is sara.doe@example.com')];
    const first = (await model.invoke(history)) as AIMessage;
    const second = (await model.invoke(history)) as AIMessage;
    expect(second.tool_calls).toEqual(first.tool_calls);
  });

  it('refuses a history without the role line, saying what it needs', async () => {
    await expect(createDeterministicPlanner().invoke([new HumanMessage('hi')])).rejects.toThrow(/Role: supervisor\|shopping\|returns\|delivery/);
  });
});
