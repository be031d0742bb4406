import { openAiChatModel } from '@agentic-commerce/graph/models/create-chat-model';
import { modelConfigFromEnv } from '@agentic-commerce/graph/models/model-config';
import { startFakeOpenAi } from '@agentic-commerce/graph/testing/fake-openai-server';
import { sharedPglite } from '@agentic-commerce/kit/testing/test-database';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { htmlReport } from '../report/html-report.ts';
import { markdownReport } from '../report/markdown-report.ts';
import { summarize } from '../report/summarize.ts';
import { runScenarios } from '../runner/run-scenarios.ts';
import { loadScenarios } from '../scenario/load-scenarios.ts';
import { createScenarioHarness } from './scenario-harness.ts';

const scenarios = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

// The supervisor hands over to delivery; the specialist answers. Each response reports its own token counts.
const fake = await startFakeOpenAi((request) => {
  const n = fake.requests.length;
  const usage = { promptTokens: 1000 + 7 * n, completionTokens: 20 + n };
  const supervisor = request.body.tools?.some((t) => t.function.name === 'transfer_to_delivery');
  if (supervisor && request.body.messages.at(-1)?.role === 'user') return { calls: [{ name: 'transfer_to_delivery', arguments: { reason: 'tracking' } }], usage };
  return { content: 'Your order is on its way.', usage };
});
const config = modelConfigFromEnv({ MODEL_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, MODEL_NAME: 'fake-model', OPENAI_API_KEY: 'sk-test' });
if (config.provider !== 'openai') throw new Error('expected an openai config');

describe('token usage of an eval run through the OpenAI-compatible provider (loopback fake)', { timeout: 120_000 }, async () => {
  const price = { inputPerMTok: 2, outputPerMTok: 8, source: 'test price' };
  const harness = await createScenarioHarness({ db: await sharedPglite(), model: async () => openAiChatModel(config), asOf: EVAL_CLOCK, price });
  afterAll(async () => {
    await harness.close();
    await fake.close();
  });

  it('records the exact token sums per trial and aggregates them per suite, overall and in every report', async () => {
    const picked = (await loadScenarios(scenarios, 'delivery')).filter((s) => s.id === 'track-order-1' || s.id === 'track-order-2');
    expect(picked).toHaveLength(2);
    const perTrial: { input: number; output: number; calls: number }[] = [];
    const results = await runScenarios({
      scenarios: picked, trials: 1, concurrency: 1, diff: () => [],
      harness: async (scenario, trial) => {
        const from = fake.requests.length;
        const out = await harness(scenario, trial);
        // What the fake answered for this trial's requests: request i (1-based) reported 1000+7i in, 20+i out.
        const ns = Array.from({ length: fake.requests.length - from }, (_, i) => from + i + 1);
        perTrial.push({ input: ns.reduce((s, n) => s + 1000 + 7 * n, 0), output: ns.reduce((s, n) => s + 20 + n, 0), calls: ns.length });
        return out;
      },
    });
    expect(results.map((r) => r.transcript.crash)).toEqual([undefined, undefined]);
    for (const [i, r] of results.entries()) {
      const want = perTrial[i]!;
      expect(want.calls).toBeGreaterThanOrEqual(2);
      expect(r.transcript.usage).toEqual({ inputTokens: want.input, outputTokens: want.output, modelCalls: want.calls, costUsd: (want.input * 2 + want.output * 8) / 1e6 });
    }
    const input = perTrial.reduce((s, t) => s + t.input, 0);
    const output = perTrial.reduce((s, t) => s + t.output, 0);
    const calls = perTrial.reduce((s, t) => s + t.calls, 0);
    const cost = (input * 2 + output * 8) / 1e6;

    const report = summarize(results, { model: 'fake-model', k: 1, trialsPerScenario: 1, pricing: price });
    expect(report.totals.usage).toEqual({ inputTokens: input, outputTokens: output, modelCalls: calls, costUsd: expect.closeTo(cost, 12) });
    expect(report.suites).toMatchObject([{ suite: 'delivery', inputTokens: input, outputTokens: output, modelCalls: calls, costUsd: expect.closeTo(cost, 12) }]);
    expect(markdownReport(report)).toContain(`tokens in/out: ${input}/${output} over ${calls} model call(s) · cost: $${cost.toFixed(4)} at $2/$8 per 1M tokens in/out (test price)`);
    expect(htmlReport(report)).toContain(`<td>${input}/${output}</td><td>$${cost.toFixed(4)}</td>`);

    const unpriced = summarize(results, { model: 'fake-model', k: 1, trialsPerScenario: 1 });
    expect(unpriced.totals.usage.costUsd).toBeNull();
    expect(markdownReport(unpriced)).toContain(`| ${input}/${output} | not configured |`);
  });
});
