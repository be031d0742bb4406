/**
 * pnpm eval --suite <name|all> --model <provider> --trials k
 * Runs the scenario suites against the real graph and reference systems, grades final states, writes JSON,
 * Markdown and HTML reports, and ends with "N passed, M failed" (trials counted separately).
 * Exit code 1 when an adversarial scenario let a forbidden action through, or (--check-baseline) on a regression.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@agentic-commerce/kit';
import { createChatModel } from '@agentic-commerce/graph/models/create-chat-model';
import { modelConfigFromEnv } from '@agentic-commerce/graph/models/model-config';
import { modelPriceFromEnv } from '@agentic-commerce/graph/models/model-price';
import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { userModelEnv } from '../taubench/user-model-env.ts';
import { diffPaths } from '../grading/state-path.ts';
import { createScenarioHarness } from '../harness/scenario-harness.ts';
import { baselineSchema, compareToBaseline, toBaseline } from '../report/baseline.ts';
import { htmlReport } from '../report/html-report.ts';
import { markdownReport } from '../report/markdown-report.ts';
import { summarize } from '../report/summarize.ts';
import { runScenarios } from '../runner/run-scenarios.ts';
import { loadScenarios } from '../scenario/load-scenarios.ts';
import { EVAL_USAGE, parseEvalArgs } from './eval-args.ts';
import { progressLine } from './progress-line.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';


const evalsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
  // Tool-call logs would drown the progress line; LOG_LEVEL=info brings them back.
  process.env.LOG_LEVEL ??= 'warn';
  let args;
  try {
    args = parseEvalArgs(commandArgs(), {
      scenarios: join(evalsRoot, 'scenarios'),
      baseline: join(evalsRoot, 'baseline.json'),
      out: resolve(evalsRoot, '..', 'reports', 'eval'),
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${EVAL_USAGE}`);
    return 2;
  }
  const provider = args.model === 'gguf' ? 'llama-cpp' : args.model;
  let config, price;
  try {
    config = modelConfigFromEnv({ ...process.env, MODEL_PROVIDER: provider });
    price = modelPriceFromEnv(config);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let scenarios = await loadScenarios(args.scenarios, args.suite);
  if (args.filter) scenarios = scenarios.filter((s) => s.id.includes(args.filter!));
  if (scenarios.length === 0) {
    console.error(`no scenarios match suite "${args.suite}"${args.filter ? ` and filter "${args.filter}"` : ''} under ${args.scenarios}`);
    return 2;
  }
  const db = await openDatabase();
  // Scenarios with a simulated user need an LLM for it (USER_MODEL_PROVIDER=openai ...); scripted ones do not.
  const userConfig = process.env.USER_MODEL_PROVIDER ? modelConfigFromEnv(userModelEnv(process.env)) : undefined;
  const harness = await createScenarioHarness({ db, userModel: userConfig ? () => createChatModel(userConfig) : undefined, model: async () => (config.provider === 'embedded' ? createDeterministicPlanner({ now: () => EVAL_CLOCK }) : createChatModel(config)), asOf: EVAL_CLOCK, price });
  const progress = progressLine(`eval ${args.suite}`, scenarios.length * args.trials);
  let failed = 0;
  const results = await runScenarios({
    scenarios,
    trials: args.trials,
    concurrency: args.concurrency,
    harness,
    diff: (a, b) => diffPaths(a, b).filter((d) => !d.path.startsWith('oms/products')),
    onProgress: (done, _total, last) => {
      if (!last.grade.passed) failed++;
      progress.update(done, `${failed} failed`);
    },
  });
  await harness.close();
  await db.close();

  const report = summarize(results, { model: config.provider === 'openai' ? `${config.model} (openai-compatible)` : config.provider, k: args.k, trialsPerScenario: args.trials, pricing: price });
  await mkdir(args.out, { recursive: true });
  await writeFile(join(args.out, 'report.json'), JSON.stringify(report, null, 2));
  await writeFile(join(args.out, 'report.md'), markdownReport(report));
  await writeFile(join(args.out, 'report.html'), htmlReport(report));
  console.log(markdownReport({ ...report, scenarios: report.scenarios.filter((s) => s.passes < s.trials).slice(0, 30) }));
  console.log(`reports: ${join(args.out, 'report.{json,md,html}')}`);

  let exit = 0;
  if (report.totals.adversarialBreaches > 0) {
    console.error(`${report.totals.adversarialBreaches} adversarial trial(s) let a forbidden action through`);
    exit = 1;
  }
  if (args.updateBaseline) {
    // Scenarios not run this time keep their recorded pass rate.
    const previous = await readFile(args.baseline, 'utf8').then((t) => baselineSchema.parse(JSON.parse(t)).scenarios, () => ({}));
    const next = toBaseline(report);
    next.scenarios = Object.fromEntries(Object.entries({ ...previous, ...next.scenarios }).sort(([a], [b]) => a.localeCompare(b)));
    await writeFile(args.baseline, JSON.stringify(next, null, 2) + '\n');
    console.log(`baseline updated: ${args.baseline}`);
  } else if (args.checkBaseline) {
    const baseline = baselineSchema.parse(JSON.parse(await readFile(args.baseline, 'utf8')));
    const comparison = compareToBaseline(report, baseline);
    for (const r of comparison.regressions) console.error(`regression: ${r.id} pass^1 ${r.before} → ${r.after}`);
    if (comparison.unknown.length > 0) console.error(`not in the baseline (run --update-baseline): ${comparison.unknown.join(', ')}`);
    if (comparison.improvements.length > 0) console.log(`${comparison.improvements.length} scenario(s) improved on the baseline`);
    if (comparison.regressions.length > 0) exit = 1;
  }
  console.log(`${report.totals.passed} passed, ${report.totals.failed} failed`);
  return exit;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
