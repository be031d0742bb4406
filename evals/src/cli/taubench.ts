/**
 * pnpm taubench:run [--split dev|train] [--trials k] [--limit n] [--tasks file] [--gold file]
 * Runs τ-bench retail tasks through this graph and its MCP servers with a configured agent model (MODEL_*,
 * default the embedded planner) and an LLM user simulator (USER_MODEL_PROVIDER=openai, USER_OPENAI_BASE_URL,
 * USER_OPENAI_API_KEY, USER_MODEL_NAME; falling back to the agent's OPENAI_* settings), and reports pass^k as the
 * benchmark does. Last line: "N passed, M failed" over episodes.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '@agentic-commerce/kit';
import { createChatModel } from '@agentic-commerce/graph/models/create-chat-model';
import { modelConfigFromEnv } from '@agentic-commerce/graph/models/model-config';
import { createDeterministicPlanner } from '@agentic-commerce/graph/planner/index';
import { EVAL_CLOCK } from '../eval-clock.ts';
import { episodeWorlds } from '../harness/episode-worlds.ts';
import type { GoldEntry } from '../taubench/grade-task.ts';
import { runTauBench, type TauTaskSpec } from '../taubench/run-taubench.ts';
import { userModelEnv } from '../taubench/user-model-env.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

const dataDir = process.env.TAU_BENCH_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/tau-bench-retail');


async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= 'warn';
  const { values } = parseArgs({ args: commandArgs(), options: { split: { type: 'string', default: 'dev' }, trials: { type: 'string', default: '1' }, limit: { type: 'string' }, tasks: { type: 'string' }, gold: { type: 'string' } }, strict: true });
  const trials = Number(values.trials);
  if (!Number.isInteger(trials) || trials < 1 || trials > 32) throw new Error(`--trials must be an integer from 1 to 32, got "${values.trials}"`);
  const userConfig = modelConfigFromEnv(userModelEnv(process.env));
  if (userConfig.provider === 'embedded') {
    console.error('the τ-bench runner needs an LLM user simulator: set USER_MODEL_PROVIDER=openai with USER_OPENAI_BASE_URL / USER_MODEL_NAME (or the OPENAI_* variables)');
    return 2;
  }
  const agentConfig = modelConfigFromEnv();
  const tasksFile = values.tasks ?? join(dataDir, `tasks_${values.split}.json`);
  const goldFile = values.gold ?? join(dataDir, 'gold_final_states_train_dev.json');
  let tasks = JSON.parse(await readFile(tasksFile, 'utf8')) as TauTaskSpec[];
  if (values.limit) tasks = tasks.slice(0, Number(values.limit));
  const goldSplits = (JSON.parse(await readFile(goldFile, 'utf8')) as { splits: Record<string, (GoldEntry & { task_index: number })[]> }).splits;
  const gold = new Map((goldSplits[values.split!] ?? []).map((g) => [g.task_index, g]));
  const db = await openDatabase();
  const worlds = episodeWorlds({ db, asOf: EVAL_CLOCK, tauBenchDir: dataDir, catalogAvailability: 'as-loaded' });
  const { episodes, passHat } = await runTauBench({
    worlds, tasks, gold, trials,
    agentModel: async () => (agentConfig.provider === 'embedded' ? createDeterministicPlanner({ now: () => EVAL_CLOCK }) : createChatModel(agentConfig)),
    userModel: () => createChatModel(userConfig),
    onEpisode: (e) => console.error(`task ${e.taskIndex} trial ${e.trial + 1}: ${e.passed ? 'pass' : `fail — ${e.failure}`}`),
  });
  await worlds.close();
  await db.close();
  for (const [k, value] of Object.entries(passHat)) console.log(`pass^${k} = ${value.toFixed(3)}`);
  const passed = episodes.filter((e) => e.passed).length;
  console.log(`${passed} passed, ${episodes.length - passed} failed`);
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
