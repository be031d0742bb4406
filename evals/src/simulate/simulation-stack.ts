import { createActionRuntime, type Database } from '@agentic-commerce/kit';
import { buildSupportGraph } from '@agentic-commerce/graph/build-graph';
import { inMemoryConnector } from '@agentic-commerce/graph/mcp/mcp-connector';
import { toolboxCache } from '@agentic-commerce/graph/mcp/toolbox-cache';
import { createSupportService } from '@agentic-commerce/graph/service/support-service';
import { createKnowledgeServer, KnowledgeBase, openEmbeddedStore, SystemsCatalog } from '@agentic-commerce/knowledge';
import type { ReferenceWorld } from '@agentic-commerce/world';
import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';

/**
 * The support graph over a loaded world: its four servers plus a knowledge index of its catalog, in memory.
 * Conversations are checkpointed in memory unless a checkpointer is given (worker processes share a PostgreSQL one);
 * `callbacks` see every model call (e.g. a UsageMeter counting a live model's tokens).
 */
export async function simulationStack(db: Database, world: ReferenceWorld, model: BaseChatModel, asOf: Date, checkpointer: BaseCheckpointSaver = new MemorySaver(), callbacks?: BaseCallbackHandler[]) {
  const kb = await KnowledgeBase.open({ store: await openEmbeddedStore() });
  const catalog = new SystemsCatalog({ oms: world.backends.oms(db), wms: world.backends.wms(db), pricing: world.backends.pricing(db), now: () => asOf });
  await kb.ingest(catalog);
  const runtime = createActionRuntime({ db, schema: world.schemas.kit, now: () => asOf });
  const toolboxes = toolboxCache(inMemoryConnector({ ...world.servers, knowledge: () => createKnowledgeServer({ runtime, backend: () => kb }) }));
  const graph = buildSupportGraph({ model, toolboxes }).compile({ checkpointer });
  const service = createSupportService({ graph, approvals: world.runtime.approvals, callbacks });
  return {
    service,
    async close() {
      await toolboxes.close();
      await kb.close();
    },
  };
}
