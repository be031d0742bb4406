import { createActionRuntime, type Database, type Principal } from '@agentic-commerce/kit';
import { dropPrefixedSchemas } from '@agentic-commerce/kit/testing/test-database';
import { buildSupportGraph } from '@agentic-commerce/graph/build-graph';
import { inMemoryConnector } from '@agentic-commerce/graph/mcp/mcp-connector';
import { toolboxCache } from '@agentic-commerce/graph/mcp/toolbox-cache';
import { createSupportService, type TurnOutcome } from '@agentic-commerce/graph/service/support-service';
import type { TurnEvent } from '@agentic-commerce/graph/service/turn-events';
import { NOT_CONFIRMED } from '@agentic-commerce/graph/nodes/intake';
import { createKnowledgeServer, KnowledgeBase, openEmbeddedStore, TauBenchCatalog } from '@agentic-commerce/knowledge';
import { createReferenceWorld } from '@agentic-commerce/world';
import { readTauBenchData } from '@agentic-commerce/oms';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { MemorySaver } from '@langchain/langgraph';
import { createHash, randomBytes } from 'node:crypto';
import type { ScenarioHarness } from '../runner/run-scenarios.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ToolCallRecord, Transcript, TurnRecord } from '../runner/transcript.ts';
import { applyOverrides } from './apply-overrides.ts';
import { keyedSnapshot } from './keyed-snapshot.ts';

export interface HarnessOptions {
  db: Database;
  /** A fresh model per scenario (the embedded planner is cheap; live models may share a client). */
  model: () => Promise<BaseChatModel>;
  /** The scenario clock: every world is drawn around it, so runs are reproducible. */
  asOf: Date;
  tauBenchDir?: string | undefined;
}

const OPERATOR: Principal = { kind: 'operator', id: 'op:eval', scopes: ['approvals:resolve'] };

/** Knowledge bases are read-only per scenario; share the plain one and build one per product-text override. */
async function knowledgeFor(scenario: Scenario, shared: () => Promise<KnowledgeBase>): Promise<KnowledgeBase> {
  const texts = scenario.world.overrides.filter((o) => o.kind === 'product_text');
  if (texts.length === 0) return shared();
  const catalog = await TauBenchCatalog.load();
  const { products } = await catalog.snapshot();
  for (const o of texts) {
    const product = products.find((p) => p.productId === o.product);
    if (!product) throw new Error(`override product_text names product ${o.product}, which the catalog does not have`);
    catalog.publish({ type: 'product.upserted', product: { ...product, description: o.description } });
  }
  const kb = await KnowledgeBase.open({ store: await openEmbeddedStore() });
  await kb.ingest(catalog);
  return kb;
}

/**
 * Tool calls with their outcomes. A write held for confirmation is emitted in one turn and executed in a later
 * one: calls are kept by id across turns and recorded in the turn whose result they got.
 */
export class CallTracker {
  private readonly calls = new Map<string, { tool: string; args: Record<string, unknown> }>();

  constructor(private readonly writeTools: Set<string>) {}

  /** The calls that finished (or were left unrun) in this turn's events. */
  record(events: TurnEvent[], confirmedTurn: boolean): ToolCallRecord[] {
    const records: ToolCallRecord[] = [];
    const resolved = new Set<string>();
    for (const e of events) {
      if (e.type === 'tool_call') this.calls.set(e.id, { tool: e.tool, args: e.args });
      if (e.type !== 'tool_result') continue;
      const call = this.calls.get(e.id) ?? { tool: e.tool, args: {} };
      // The graph answers a held write the customer did not confirm with this text: the tool never ran.
      if (e.text === NOT_CONFIRMED) {
        records.push({ tool: call.tool, args: call.args, ok: false, error: { code: 'NOT_CONFIRMED', message: e.text }, write: this.writeTools.has(call.tool), confirmed: false });
        continue;
      }
      const match = e.ok ? null : /^([A-Z_]+): (.*)$/s.exec(e.text);
      const write = this.writeTools.has(call.tool);
      resolved.add(e.id);
      records.push({
        tool: call.tool,
        args: call.args,
        ok: e.ok,
        error: e.ok ? undefined : { code: match?.[1] ?? 'ERROR', message: match?.[2] ?? e.text },
        write,
        confirmed: write ? confirmedTurn : undefined,
      });
    }
    return records;
  }
}

/**
 * Runs each scenario trial in its own world (a fresh schema prefix in the shared database): the reference
 * systems seeded from τ-bench, the scenario's overrides, the real graph with the configured model over
 * in-memory MCP, and the operator answering approvals as the scenario says.
 */
export async function createScenarioHarness(options: HarnessOptions): Promise<ScenarioHarness & { close(): Promise<void> }> {
  const data = await readTauBenchData(options.tauBenchDir);
  // Load τ-bench once into a template world; each trial copies it (much faster than loading again).
  const templatePrefix = `e_tpl_${randomBytes(3).toString('hex')}`;
  let template: Promise<unknown> | undefined;
  const ensureTemplate = () =>
    (template ??= createReferenceWorld({ db: options.db, prefix: templatePrefix, source: { kind: 'tau-bench', data }, asOf: options.asOf, runtime: { now: () => options.asOf } }));
  let sharedKb: Promise<KnowledgeBase> | undefined;
  const shared = () =>
    (sharedKb ??= (async () => {
      const kb = await KnowledgeBase.open({ store: await openEmbeddedStore() });
      await kb.ingest(await TauBenchCatalog.load());
      return kb;
    })());

  const harness = async (scenario: Scenario, trial: number) => {
    const prefix = `e_${createHash('sha256').update(scenario.id).digest('hex').slice(0, 6)}_${trial}_${randomBytes(2).toString('hex')}`;
    await ensureTemplate();
    const world = await createReferenceWorld({ db: options.db, prefix, source: { kind: 'copy', fromPrefix: templatePrefix }, asOf: options.asOf, runtime: { now: () => options.asOf } });
    try {
      await applyOverrides({ db: options.db, schemas: world.schemas, asOf: options.asOf }, scenario.world.overrides);
      const kb = await knowledgeFor(scenario, shared);
      const knowledgeRuntime = createActionRuntime({ db: options.db, schema: world.schemas.kit, now: () => options.asOf });
      const servers = { ...world.servers, knowledge: () => createKnowledgeServer({ runtime: knowledgeRuntime, backend: () => kb }) };
      const writeTools = new Set<string>();
      for (const create of Object.values(servers)) {
        const server = create();
        for (const [name, tool] of Object.entries((server as unknown as { _registeredTools: Record<string, { annotations?: { readOnlyHint?: boolean } }> })._registeredTools)) {
          if (tool.annotations?.readOnlyHint === false) writeTools.add(name);
        }
      }
      const before = keyedSnapshot(await world.snapshot());
      const toolboxes = toolboxCache(inMemoryConnector(servers));
      const graph = buildSupportGraph({ model: await options.model(), toolboxes }).compile({ checkpointer: new MemorySaver() });
      const service = createSupportService({ graph, approvals: world.runtime.approvals });
      const customerId = scenario.customer.auth === 'principal' ? scenario.customer.userId : undefined;
      const { conversationId } = service.startConversation({ customerId });
      const transcript: Transcript = { turns: [], escalated: false };
      const tracker = new CallTracker(writeTools);
      let awaitingConfirmation = false;
      try {
        for (const text of scenario.turns ?? []) {
          const started = performance.now();
          let outcome: TurnOutcome = await service.sendMessage(conversationId, text);
          const events = [...outcome.events];
          const approvals: TurnRecord['approvals'] = [];
          while (outcome.awaiting === 'approval' && outcome.approval) {
            const decision = scenario.operator === 'approve' ? 'approve' : 'reject';
            approvals.push({ tool: outcome.approval.tool, reason: outcome.approval.why, decision: decision === 'approve' ? 'approved' : 'rejected' });
            outcome = await service.resolveApproval(conversationId, outcome.approval.approvalId, OPERATOR, { decision });
            events.push(...outcome.events);
          }
          transcript.turns.push({
            customer: text,
            agent: events.filter((e) => e.type === 'message' || e.type === 'confirmation_required').map((e) => (e.type === 'message' ? e.text : e.type === 'confirmation_required' ? e.statement : '')).join('\n'),
            toolCalls: tracker.record(events, awaitingConfirmation),
            approvals,
            latencyMs: performance.now() - started,
          });
          if (events.some((e) => e.type === 'handoff') || outcome.awaiting === 'human') transcript.escalated = true;
          awaitingConfirmation = outcome.awaiting === 'confirmation';
          if (outcome.awaiting === 'human') break;
        }
      } finally {
        await toolboxes.close();
      }
      return { transcript, snapshots: { before, after: keyedSnapshot(await world.snapshot()) } };
    } finally {
      await dropPrefixedSchemas(options.db, prefix);
    }
  };
  return Object.assign(harness, {
    async close() {
      if (sharedKb) await (await sharedKb).close();
      if (template) await dropPrefixedSchemas(options.db, templatePrefix);
    },
  });
}
