import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import { Command, MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@agentic-commerce/kit';
import type { ApprovalDecision, ApprovalRequest } from '../approvals/approval-request.ts';
import { buildSupportGraph } from '../build-graph.ts';
import { inMemoryConnector } from '../mcp/mcp-connector.ts';
import { toolboxCache } from '../mcp/toolbox-cache.ts';
import type { McpToolbox } from '../mcp/mcp-toolbox.ts';
import type { State } from '../state.ts';
import { sharedPglite, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { createFakeShop, type FakeShop } from './fake-shop-server.ts';
import { ScriptedChatModel, type Script } from './scripted-chat-model.ts';
import { supportScript } from './support-script.ts';

export interface TurnResult {
  state: State;
  /** The graph's last reply to the customer. */
  reply: string;
  /** The approval the run paused on, if any. */
  approval: ApprovalRequest | undefined;
}

/** A compiled support graph over the fake shop, driven by a scripted model: one conversation per harness. */
export interface HarnessOptions {
  script?: Script;
  /** A real chat model instead of the scripted one (live tests). */
  model?: BaseChatModel;
  shop?: FakeShop;
  checkpointer?: BaseCheckpointSaver;
  threadId?: string;
  /** Wraps each conversation's toolbox (tests use it to inject failures). */
  wrapToolbox?: (toolbox: McpToolbox) => McpToolbox;
}

export async function graphHarness(options: HarnessOptions = {}) {
  const shop = options.shop ?? createFakeShop({ db: await sharedPglite(), prefix: uniquePrefix() });
  const scripted = new ScriptedChatModel(options.script ?? supportScript());
  const connector = inMemoryConnector({ oms: () => shop.createServer() });
  const wrap = options.wrapToolbox;
  const toolboxes = toolboxCache(wrap ? { open: async (identity) => wrap(await connector.open(identity)) } : connector);
  const checkpointer = options.checkpointer ?? new MemorySaver();
  const builder = buildSupportGraph({ model: options.model ?? scripted, toolboxes });
  const graph = builder.compile({ checkpointer });
  const config = { configurable: { thread_id: options.threadId ?? `t-${randomUUID()}` } };

  async function settle(): Promise<TurnResult> {
    const snapshot = await graph.getState(config);
    const state = snapshot.values as State;
    const approval = snapshot.tasks.flatMap((t) => t.interrupts).map((i) => i.value as ApprovalRequest)[0];
    const lastAi = [...state.messages].reverse().find((m) => m.getType() === 'ai' && typeof m.content === 'string' && m.content.length > 0);
    return { state, reply: String(lastAi?.content ?? ''), approval };
  }

  const operator: Principal = { kind: 'operator', id: 'op:test', scopes: ['approvals:resolve'] };
  return {
    shop,
    operator,
    model: scripted,
    graph,
    /** A second compiled graph on the same checkpointer: what a restarted process would run. */
    restart: () => builder.compile({ checkpointer }),
    config,
    async say(text: string): Promise<TurnResult> {
      await graph.invoke({ messages: [new HumanMessage(text)] }, config);
      return settle();
    },
    async decide(decision: ApprovalDecision): Promise<TurnResult> {
      await graph.invoke(new Command({ resume: decision }), config);
      return settle();
    },
    settle,
    close: () => toolboxes.close(),
  };
}
