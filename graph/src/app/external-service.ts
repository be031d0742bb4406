import { createLogger, openDatabase, openPostgresDatabase } from '@agentic-commerce/kit';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSupportGraph } from '../build-graph.ts';
import { openCheckpointer } from '../checkpointers/checkpointer-factory.ts';
import type { McpConnector } from '../mcp/mcp-connector.ts';
import { toolboxCache } from '../mcp/toolbox-cache.ts';
import { createChatModel, describeModel } from '../models/create-chat-model.ts';
import { modelConfigFromEnv } from '../models/model-config.ts';
import { openSqlConversationStore } from '../service/sql-conversation-store.ts';
import { createSupportService, type SupportService } from '../service/support-service.ts';
import { postgresConversationLocks, TURN_LOCK_CONNECTIONS } from '../service/postgres-conversation-locks.ts';

/**
 * The graph service against MCP servers that run elsewhere (MCP_ENDPOINTS / MCP_STDIO): no store is seeded here.
 * Checkpoints and conversation records go to PostgreSQL (DATABASE_URL) or an embedded database under `dataDir`. Operators resolve approvals
 * with the kit (its CLI or API) before the decision is submitted to resume the conversation.
 */
export async function openExternalService(connector: McpConnector, options: { dataDir: string; databaseUrl?: string | undefined }): Promise<{ service: SupportService; model: string; close(): Promise<void> }> {
  const modelConfig = modelConfigFromEnv();
  const model = await createChatModel(modelConfig);
  const dir = resolve(options.dataDir, 'checkpoints');
  if (!options.databaseUrl) mkdirSync(dir, { recursive: true });
  const db = options.databaseUrl ? await openDatabase({ url: options.databaseUrl }) : await openDatabase({ dataDir: join(dir) });
  const checkpointer = await openCheckpointer(options.databaseUrl ? { kind: 'postgres', url: options.databaseUrl } : { kind: 'embedded', db });
  const conversations = await openSqlConversationStore(db);
  const toolboxes = toolboxCache(connector);
  const graph = buildSupportGraph({ model, toolboxes }).compile({ checkpointer });
  const lockDb = options.databaseUrl ? await openPostgresDatabase(options.databaseUrl, { max: TURN_LOCK_CONNECTIONS }) : undefined;
  return {
    service: createSupportService({ graph, conversations, ...(lockDb ? { locks: postgresConversationLocks(lockDb, { logger: createLogger({}) }) } : {}) }),
    model: describeModel(modelConfig),
    async close() {
      await toolboxes.close();
      await lockDb?.close();
      await db.close();
    },
  };
}
