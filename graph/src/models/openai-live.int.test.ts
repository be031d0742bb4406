import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefixedSchemas, sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import { graphHarness } from '../testing/graph-harness.ts';
import { openAiChatModel } from './create-chat-model.ts';
import { modelConfigFromEnv } from './model-config.ts';

// Live: runs only when an OpenAI-compatible endpoint is configured (MODEL_PROVIDER=openai plus preset/base URL/key).
const config = process.env.MODEL_PROVIDER === 'openai' ? modelConfigFromEnv() : undefined;
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefixedSchemas(await sharedPglite(), p);
});

describe.skipIf(config?.provider !== 'openai')('live OpenAI-compatible model through the support graph', { timeout: 300_000 }, () => {
  it('authenticates the customer and holds the return for confirmation', async () => {
    if (config?.provider !== 'openai') return;
    const h = await graphHarness({ model: openAiChatModel(config) });
    prefixes.push(h.shop.prefix);
    const turn = await h.say('Hi, I want to return the water bottle from order #W1000001. My email is sara.doe@example.com. Refund to credit_card_111.');
    const tools = turn.state.messages.filter((m) => m.getType() === 'tool').map((m) => m.name);
    expect(tools).toContain('find_user_id_by_email');
    expect(turn.state.customerId).toBe('sara_doe_496');
    expect(await h.shop.effects()).toEqual([]);
    await h.close();
  });
});
