/**
 * pnpm --filter @agentic-commerce/graph bench — graph overhead per customer turn.
 *   1. floor: a bare LangGraph graph with the same state, node count and step count, no model, no tools;
 *   2. the support graph with the embedded planner and the OMS in process (in-memory MCP, τ-bench data on PGlite);
 *   3. the same with the OMS as a child process over stdio.
 * The turn: "I want to return an item, my email is <email>" (route, authenticate, read the customer and the order,
 * check the return window, ask which items): 4 MCP tool calls. Each run is a fresh conversation. BENCH_TURNS (default 200).
 */
// Per-call logs of the servers would dominate the measurement; LOG_LEVEL overrides.
process.env.LOG_LEVEL ??= 'warn';
import { HumanMessage } from '@langchain/core/messages';
import { MemorySaver } from '@langchain/langgraph';
import { openPgliteDatabase } from '@agentic-commerce/kit';
import { createReferenceWorld } from '@agentic-commerce/world';
import { fileURLToPath } from 'node:url';
import { buildSupportGraph } from '../build-graph.ts';
import { inMemoryConnector, stdioConnector, type McpConnector } from '../mcp/mcp-connector.ts';
import type { McpToolbox } from '../mcp/mcp-toolbox.ts';
import type { ToolboxCache } from '../mcp/toolbox-cache.ts';
import { createDeterministicPlanner } from '../planner/index.ts';
import type { State } from '../state.ts';
import { bareGraph } from './bare-graph.ts';
import { fmt, measure } from './measure.ts';

const turns = Number(process.env.BENCH_TURNS ?? 200);
const warmup = Math.min(20, Math.ceil(turns / 10));
const email = 'noah.brown7922@example.com';
const text = `I want to return an item, my email is ${email}`;

/** One MCP connection for the whole run (connecting is a per-conversation cost measured separately). */
async function sharedToolbox(connector: McpConnector): Promise<{ cache: ToolboxCache; toolbox: McpToolbox; connectMs: number }> {
  const started = performance.now();
  const toolbox = await connector.open({ conversationId: 'bench' });
  return { toolbox, connectMs: performance.now() - started, cache: { get: async () => toolbox, close: () => toolbox.close() } };
}

async function runGraph(label: string, connector: McpConnector) {
  const { cache, connectMs } = await sharedToolbox(connector);
  const graph = buildSupportGraph({ model: createDeterministicPlanner(), toolboxes: cache }).compile({ checkpointer: new MemorySaver() });
  let steps = 0;
  const result = await measure(turns, warmup, async (i) => {
    const config = { configurable: { thread_id: `${label}-${i}` }, recursionLimit: 100 };
    const out = (await graph.invoke({ messages: [new HumanMessage(text)] }, config)) as State;
    if (i === 0) {
      const tools = out.messages.filter((m) => m.getType() === 'tool' && m.name !== 'transfer_to_returns').length;
      if (tools !== 4) throw new Error(`${label}: expected the turn to make 4 tool calls, it made ${tools}: ${String(out.messages.at(-1)?.content)}`);
      steps = out.messages.length - 1;
    }
  });
  await cache.close();
  return { ...result, connectMs, steps };
}

const db = await openPgliteDatabase();
const world = await createReferenceWorld({ db, source: { kind: 'tau-bench' } });

const inProcess = await runGraph('in-process', inMemoryConnector({ oms: world.servers.oms }));
const bare = bareGraph(inProcess.steps).compile({ checkpointer: new MemorySaver() });
const floor = await measure(turns, warmup, async (i) => {
  await bare.invoke({ messages: [new HumanMessage(text)] }, { configurable: { thread_id: `floor-${i}` }, recursionLimit: 4 * inProcess.steps + 10 });
});
const root = fileURLToPath(new URL('../../../', import.meta.url));
const stdio = await runGraph('stdio', stdioConnector({ oms: { command: process.execPath, args: ['--import', 'tsx', 'mcp-servers/oms/src/index.ts', '--seed', 'tau-bench'], cwd: root, env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } } }));

console.log(`graph overhead per customer turn (${turns} turns after ${warmup} warm-up; turn = route + 4 MCP tool calls)`);
const row = (name: string, r: { p50: number; p99: number; mean: number; cpuMsPerRun: number }) =>
  `  ${name.padEnd(44)} p50 ${fmt(r.p50).padStart(10)}  p99 ${fmt(r.p99).padStart(10)}  cpu ${fmt(r.cpuMsPerRun).padStart(9)}/turn  ${(1000 / r.cpuMsPerRun).toFixed(1).padStart(7)} turns/s per core`;
console.log(row(`floor: bare graph, same nodes, ${inProcess.steps} steps, no tools`, floor));
console.log(row(`embedded planner + in-process MCP (OMS)`, inProcess));
console.log(row(`embedded planner + stdio MCP (OMS child)`, stdio));
console.log(`  ratios vs floor: wall p50 in-process ${(inProcess.p50 / floor.p50).toFixed(1)}x, stdio ${(stdio.p50 / floor.p50).toFixed(1)}x; cpu in-process ${(inProcess.cpuMsPerRun / floor.cpuMsPerRun).toFixed(1)}x`);
console.log('  (wall times include waiting for a core: on a shared machine compare the cpu column)');
console.log(`  connect + list tools once: in-process ${fmt(inProcess.connectMs)}, stdio ${fmt(stdio.connectMs)} (spawn + seed)`);
console.log('  stdio cpu counts this process only; the OMS child uses its own core.');
await db.close();
