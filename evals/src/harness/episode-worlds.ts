import { createActionRuntime, type Database } from '@agentic-commerce/kit';
import { dropPrefixedSchemas } from '@agentic-commerce/kit/testing/test-database';
import { buildSupportGraph } from '@agentic-commerce/graph/build-graph';
import { inMemoryConnector } from '@agentic-commerce/graph/mcp/mcp-connector';
import { toolboxCache } from '@agentic-commerce/graph/mcp/toolbox-cache';
import { createSupportService, type SupportService } from '@agentic-commerce/graph/service/support-service';
import { createKnowledgeServer, KnowledgeBase, openEmbeddedStore, TauBenchCatalog } from '@agentic-commerce/knowledge';
import { readTauBenchData } from '@agentic-commerce/oms';
import { createReferenceWorld, type ReferenceWorld } from '@agentic-commerce/world';
import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { MemorySaver } from '@langchain/langgraph';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { randomBytes } from 'node:crypto';

export interface EpisodeWorldsOptions {
  db: Database;
  asOf: Date;
  tauBenchDir?: string | undefined;
  /** `as-loaded` for τ-bench episodes, whose gold states keep product availability fixed (see createReferenceWorld). */
  catalogAvailability?: 'follows-stock' | 'as-loaded' | undefined;
}

/** One conversation's world: the reference systems (a copy of the τ-bench template), knowledge, graph and service. */
export interface EpisodeWorld {
  world: ReferenceWorld;
  service: SupportService;
  /** Tools whose MCP annotation says they write. */
  writeTools: Set<string>;
  close(): Promise<void>;
}

/** Tool names whose MCP annotations say they are not read-only, read off the servers themselves. */
function writeToolsOf(servers: Record<string, () => McpServer>): Set<string> {
  const names = new Set<string>();
  for (const create of Object.values(servers)) {
    const registered = (create() as unknown as { _registeredTools: Record<string, { annotations?: { readOnlyHint?: boolean } }> })._registeredTools;
    for (const [name, tool] of Object.entries(registered)) if (tool.annotations?.readOnlyHint === false) names.add(name);
  }
  return names;
}

/**
 * Isolated worlds for eval episodes: τ-bench is loaded once into a template prefix and each episode gets a copy
 * (a fresh schema prefix in the shared database), dropped when the episode closes.
 */
export function episodeWorlds(options: EpisodeWorldsOptions) {
  const templatePrefix = `e_tpl_${randomBytes(3).toString('hex')}`;
  const runtime = { now: () => options.asOf };
  let template: Promise<ReferenceWorld> | undefined;
  let sharedKb: Promise<KnowledgeBase> | undefined;
  const ensureTemplate = () =>
    (template ??= (async () =>
      createReferenceWorld({ db: options.db, prefix: templatePrefix, source: { kind: 'tau-bench', data: await readTauBenchData(options.tauBenchDir) }, asOf: options.asOf, runtime, catalogAvailability: options.catalogAvailability }))());
  const knowledge = async (catalog?: TauBenchCatalog): Promise<KnowledgeBase> => {
    if (!catalog) {
      sharedKb ??= knowledge(await TauBenchCatalog.load());
      return sharedKb;
    }
    const kb = await KnowledgeBase.open({ store: await openEmbeddedStore() });
    await kb.ingest(catalog);
    return kb;
  };
  return {
    /** The template world (loaded on first use): its snapshot is every episode's starting state. */
    template: ensureTemplate,
    async open(label: string, model: BaseChatModel, catalog?: TauBenchCatalog, callbacks?: BaseCallbackHandler[]): Promise<EpisodeWorld> {
      await ensureTemplate();
      const prefix = `e_${label}_${randomBytes(2).toString('hex')}`;
      const world = await createReferenceWorld({ db: options.db, prefix, source: { kind: 'copy', fromPrefix: templatePrefix }, asOf: options.asOf, runtime, catalogAvailability: options.catalogAvailability });
      const kb = await knowledge(catalog);
      const knowledgeRuntime = createActionRuntime({ db: options.db, schema: world.schemas.kit, now: runtime.now });
      const servers = { ...world.servers, knowledge: () => createKnowledgeServer({ runtime: knowledgeRuntime, backend: () => kb }) };
      const toolboxes = toolboxCache(inMemoryConnector(servers));
      const graph = buildSupportGraph({ model, toolboxes }).compile({ checkpointer: new MemorySaver() });
      const service = createSupportService({ graph, approvals: world.runtime.approvals, callbacks });
      return {
        world,
        service,
        writeTools: writeToolsOf(servers),
        async close() {
          await toolboxes.close();
          if (catalog) await kb.close();
          await dropPrefixedSchemas(options.db, prefix);
        },
      };
    },
    async close() {
      if (sharedKb) await (await sharedKb).close();
      if (template) await dropPrefixedSchemas(options.db, templatePrefix);
    },
  };
}
