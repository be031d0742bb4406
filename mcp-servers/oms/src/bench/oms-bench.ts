#!/usr/bin/env -S npx tsx
/**
 * pnpm --filter @agentic-commerce/oms bench [-- --calls N --replay-tasks N]
 *
 * 1. Median and p99 latency of get_order_details on the OMS (τ-bench data, full action layer, PGlite) over stdio
 *    (child process) and Streamable HTTP, each as a ratio to the floor: a bare McpServer with the same tool and
 *    no database, on the same transport.
 * 2. τ-bench replay throughput (tasks per second) through the OMS over Streamable HTTP.
 */
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPgliteDatabase, serveHttp, signToken, tokenAuthenticator, type Principal } from '@agentic-commerce/kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { defaultTauBenchDir, readTauBenchData } from '../import/tau-bench.ts';
import { runReplay } from '../replay/run-replay.ts';
import { openReplayWorld, REPLAY_PRINCIPAL } from '../replay/replay-world.ts';
import { createFloorServer, FLOOR_ORDER } from './floor-server.ts';
import { measureTool, type LatencyStats } from './latency.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

const { values } = parseArgs({ args: commandArgs(), options: { calls: { type: 'string', default: '500' }, 'replay-tasks': { type: 'string', default: '100' } } });
const calls = Number(values.calls);
const replayTasks = Number(values['replay-tasks']);
if (!Number.isInteger(calls) || calls < 10) throw new Error(`--calls must be a whole number >= 10, got "${values.calls}"`);
if (!Number.isInteger(replayTasks) || replayTasks < 1) throw new Error(`--replay-tasks must be a whole number >= 1, got "${values['replay-tasks']}"`);
const warmup = Math.max(10, Math.round(calls / 10));
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const args = { order_id: FLOOR_ORDER.order_id };

/** The parent's environment without database settings: the child OMS runs on its own in-memory PGlite. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'DATABASE_URL' && key !== 'OMS_DATA_DIR') env[key] = value;
  return env;
}

async function overStdio(script: string, extraArgs: string[], env: Record<string, string>): Promise<LatencyStats> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', script, ...extraArgs],
    cwd: repoRoot,
    env: { ...inheritedEnv(), LOG_LEVEL: 'warn', ...env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'oms-bench', version: '0.1.0' });
  // the child starts an embedded database and loads τ-bench first: allow it minutes on a busy machine
  await client.connect(transport, { timeout: 600_000 });
  try {
    return await measureTool(client, 'get_order_details', args, calls, warmup);
  } finally {
    await client.close();
  }
}

async function overHttp(createServer: () => import('@modelcontextprotocol/sdk/server/mcp.js').McpServer, principal: Principal): Promise<LatencyStats> {
  const secret = randomBytes(32).toString('hex');
  const http = await serveHttp({ createServer, authenticate: tokenAuthenticator(secret) });
  const client = new Client({ name: 'oms-bench', version: '0.1.0' });
  const token = signToken(secret, { principal, ttlSeconds: 3600 });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  try {
    return await measureTool(client, 'get_order_details', args, calls, warmup);
  } finally {
    await client.close();
    await http.close();
  }
}

const db = await openPgliteDatabase();
const service = JSON.stringify(REPLAY_PRINCIPAL);
const rows: { what: string; transport: string; stats: LatencyStats; floor: LatencyStats }[] = [];

const stdioFloor = await overStdio(resolve(here, 'floor-server.ts'), [], {});
const stdioOms = await overStdio(resolve(here, '../index.ts'), ['--seed', 'tau-bench'], { COMMERCE_PRINCIPAL: service });
rows.push({ what: 'get_order_details', transport: 'stdio', stats: stdioOms, floor: stdioFloor });

const prefix = `b_${randomBytes(4).toString('hex')}`;
const world = await openReplayWorld(db, prefix, await readTauBenchData());
const httpFloor = await overHttp(createFloorServer, REPLAY_PRINCIPAL);
const httpOms = await measureTool(world.client, 'get_order_details', args, calls, warmup);
rows.push({ what: 'get_order_details', transport: 'http', stats: httpOms, floor: httpFloor });
await world.close();
for (const suffix of ['oms', 'oms_template', 'kit']) await db.exec(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);

const dir = defaultTauBenchDir();
const replay = await runReplay({ db, tasksPath: resolve(dir, 'tasks_train.json'), goldPath: resolve(dir, 'gold_final_states_train_dev.json'), maxTasks: replayTasks });
await db.close();

const ms = (n: number) => n.toFixed(2).padStart(8);
console.log(`OMS benchmark (${calls} calls per row after ${warmup} warm-up calls; embedded PGlite; full action layer)`);
console.log('tool               transport  median ms   p99 ms  floor median  floor p99  median ratio  p99 ratio');
for (const r of rows) {
  console.log(
    `${r.what.padEnd(18)} ${r.transport.padEnd(9)} ${ms(r.stats.medianMs)} ${ms(r.stats.p99Ms)}  ${ms(r.floor.medianMs)}    ${ms(r.floor.p99Ms)}  ${(r.stats.medianMs / r.floor.medianMs).toFixed(1).padStart(11)}x ${(r.stats.p99Ms / r.floor.p99Ms).toFixed(1).padStart(9)}x`,
  );
}
console.log(`τ-bench replay over HTTP: ${replay.outcomes.length} tasks in ${replay.seconds.toFixed(1)} s = ${(replay.outcomes.length / replay.seconds).toFixed(1)} tasks/s (${replay.passed} passed, ${replay.failed} failed)`);
