#!/usr/bin/env -S npx tsx
/**
 * pnpm taubench:replay --tasks <tasks.json> --gold <gold_final_states.json> [--split train|dev] [--data <dir>]
 *
 * Loads the τ-bench retail data into a fresh OMS, replays each task's gold actions through the OMS MCP server over
 * Streamable HTTP, and compares the final state with the gold state. Prints one line per failing task and
 * "N passed, M failed"; exits 1 when any task failed. DATABASE_URL selects PostgreSQL (default: embedded PGlite).
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@agentic-commerce/kit';
import { runReplay } from '../replay/run-replay.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

const usage = 'usage: pnpm taubench:replay --tasks <tasks.json> --gold <gold_final_states.json> [--split <name>] [--data <tau-bench retail dir>]';
const { values } = parseArgs({
  args: commandArgs(),
  options: { tasks: { type: 'string' }, gold: { type: 'string' }, split: { type: 'string' }, data: { type: 'string' } },
});
if (!values.tasks || !values.gold) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
const db = await openDatabase();
try {
  const report = await runReplay({ db, tasksPath: values.tasks, goldPath: values.gold, split: values.split, dataDir: values.data });
  for (const o of report.outcomes) if (o.failure) process.stdout.write(`task ${report.split}/${o.taskIndex} (${o.userId}): ${o.failure}\n`);
  process.stdout.write(`${report.passed} passed, ${report.failed} failed\n`);
  process.stderr.write(`replayed ${report.outcomes.length} tasks in ${(report.seconds).toFixed(1)} s (${(report.outcomes.length / report.seconds).toFixed(1)} tasks/s) on ${db.kind}\n`);
  process.exitCode = report.failed > 0 ? 1 : 0;
} finally {
  await db.close();
}
