import type { Database, Principal } from '@agentic-commerce/kit';
import { NOT_CONFIRMED } from '@agentic-commerce/graph/nodes/intake';
import { costOf, type ModelPrice } from '@agentic-commerce/graph/models/model-price';
import { UsageMeter } from '@agentic-commerce/graph/models/usage-meter';
import type { TurnOutcome } from '@agentic-commerce/graph/service/support-service';
import type { TurnEvent } from '@agentic-commerce/graph/service/turn-events';
import { TauBenchCatalog } from '@agentic-commerce/knowledge';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createHash } from 'node:crypto';
import type { ScenarioHarness } from '../runner/run-scenarios.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ToolCallRecord, Transcript, TurnRecord } from '../runner/transcript.ts';
import { applyOverrides } from './apply-overrides.ts';
import { episodeWorlds } from './episode-worlds.ts';
import { keyedSnapshot } from './keyed-snapshot.ts';
import { UserSimulator } from '../taubench/user-simulator.ts';

export interface HarnessOptions {
  db: Database;
  /** A fresh model per scenario (the embedded planner is cheap; live models may share a client). */
  model: () => Promise<BaseChatModel>;
  /** The scenario clock: every world is drawn around it, so runs are reproducible. */
  asOf: Date;
  tauBenchDir?: string | undefined;
  /** The simulated customer's model, for scenarios that give a `user` goal instead of scripted turns. */
  userModel?: (() => Promise<BaseChatModel>) | undefined;
  /** The price of the agent model's tokens; without one, transcripts carry tokens and no cost. */
  price?: ModelPrice | undefined;
}

/** The customer's messages: the scripted turns, or a simulated user (an LLM) pursuing the scenario's goal. */
async function customerTurns(scenario: Scenario, options: HarnessOptions): Promise<{ first: string; next: (reply: string) => Promise<string | undefined> }> {
  if (scenario.turns) {
    const turns = scenario.turns;
    let i = 0;
    return { first: turns[0]!, next: async () => turns[++i] };
  }
  const goal = scenario.user!;
  if (!options.userModel) {
    throw new Error(`scenario ${scenario.id} has a simulated user: configure its model (USER_MODEL_PROVIDER=openai, USER_OPENAI_BASE_URL, USER_MODEL_NAME)`);
  }
  const facts = Object.entries(goal.facts).map(([k, v]) => `Your ${k} is ${v}.`).join(' ');
  const user = new UserSimulator(await options.userModel(), `${goal.goal} ${facts}`);
  let turns = 1;
  const first = await user.next();
  return {
    first,
    next: async (reply) => {
      if (turns >= goal.maxTurns) return undefined;
      const message = await user.next(reply);
      turns++;
      return UserSimulator.done(message) ? undefined : message;
    },
  };
}

const OPERATOR: Principal = { kind: 'operator', id: 'op:eval', scopes: ['approvals:resolve'] };

/** A catalog with the scenario's product-text overrides applied, or undefined to use the shared index. */
async function catalogFor(scenario: Scenario): Promise<TauBenchCatalog | undefined> {
  const texts = scenario.world.overrides.filter((o) => o.kind === 'product_text');
  if (texts.length === 0) return undefined;
  const catalog = await TauBenchCatalog.load();
  const { products } = await catalog.snapshot();
  for (const o of texts) {
    const product = products.find((p) => p.productId === o.product);
    if (!product) throw new Error(`override product_text names product ${o.product}, which the catalog does not have`);
    catalog.publish({ type: 'product.upserted', product: { ...product, description: o.description } });
  }
  return catalog;
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
 * Runs each scenario trial in its own world (a copy of the τ-bench template under a fresh schema prefix): the
 * scenario's overrides, the real graph with the configured model over in-memory MCP, and the operator answering
 * approvals as the scenario says.
 */
export async function createScenarioHarness(options: HarnessOptions): Promise<ScenarioHarness & { close(): Promise<void> }> {
  const worlds = episodeWorlds(options);
  const harness = async (scenario: Scenario, trial: number) => {
    const label = `${createHash('sha256').update(scenario.id).digest('hex').slice(0, 6)}_${trial}`;
    const meter = new UsageMeter();
    const usage = (): Transcript['usage'] => {
      const used = meter.total();
      return { inputTokens: used.inputTokens, outputTokens: used.outputTokens, modelCalls: used.calls, costUsd: options.price ? costOf(used, options.price) : undefined };
    };
    const episode = await worlds.open(label, await options.model(), await catalogFor(scenario), [meter]);
    try {
      const { world, service } = episode;
      await applyOverrides({ db: options.db, schemas: world.schemas, asOf: options.asOf }, scenario.world.overrides);
      const before = keyedSnapshot(await world.snapshot());
      const customerId = scenario.customer.auth === 'principal' ? scenario.customer.userId : undefined;
      const { conversationId } = await service.startConversation({ customerId });
      const transcript: Transcript = { turns: [], escalated: false };
      const tracker = new CallTracker(episode.writeTools);
      let awaitingConfirmation = false;
      const customer = await customerTurns(scenario, options);
      for (let text: string | undefined = customer.first; text !== undefined && !UserSimulator.done(text); ) {
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
          agent: agentText(events),
          toolCalls: tracker.record(events, awaitingConfirmation),
          approvals,
          latencyMs: performance.now() - started,
        });
        if (events.some((e) => e.type === 'handoff') || outcome.awaiting === 'human') transcript.escalated = true;
        awaitingConfirmation = outcome.awaiting === 'confirmation';
        if (outcome.awaiting === 'human') break;
        text = await customer.next(transcript.turns.at(-1)!.agent);
      }
      transcript.usage = usage();
      return { transcript, snapshots: { before, after: keyedSnapshot(await world.snapshot()) } };
    } catch (error) {
      // Graded like any crash (the runner's own shape), but the tokens the model already used still count.
      const transcript: Transcript = { turns: [], escalated: false, crash: error instanceof Error ? error.message : String(error), usage: usage() };
      return { transcript, snapshots: { before: {}, after: {} } };
    } finally {
      await episode.close();
    }
  };
  return Object.assign(harness, { close: () => worlds.close() });
}

/** What the customer read in one turn: the agent's messages and confirmation statements. */
export function agentText(events: TurnEvent[]): string {
  return events
    .map((e) => (e.type === 'message' ? e.text : e.type === 'confirmation_required' ? e.statement : undefined))
    .filter((t): t is string => t !== undefined)
    .join('\n');
}
