import { isCommerceError, openDatabase, openPostgresDatabase, serveHttp, type Database, type HttpServerHandle } from '@agentic-commerce/kit';
import { signToken, tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { loadTokenSecret } from '@agentic-commerce/kit/identity/token-secret';
import { KnowledgeBase, TauBenchCatalog, createKnowledgeServer, knowledgeConfigFromEnv, openConfiguredStore } from '@agentic-commerce/knowledge';
import { createReferenceWorld, migrateWorld, worldHasData, worldSchemas, type ReferenceWorld } from '@agentic-commerce/world';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSupportGraph } from '../build-graph.ts';
import { openCheckpointer } from '../checkpointers/checkpointer-factory.ts';
import { httpConnector, inMemoryConnector, type McpConnector } from '../mcp/mcp-connector.ts';
import { toolboxCache } from '../mcp/toolbox-cache.ts';
import { createChatModel, describeModel } from '../models/create-chat-model.ts';
import { modelConfigFromEnv } from '../models/model-config.ts';
import { openSqlConversationStore } from '../service/sql-conversation-store.ts';
import { createSupportService, type SupportService } from '../service/support-service.ts';
import { postgresConversationLocks, TURN_LOCK_CONNECTIONS } from '../service/postgres-conversation-locks.ts';

export interface StackOptions {
  /** Where embedded data lives (PGlite store, knowledge index, keys); default .data (COMMERCE_DATA_DIR). */
  dataDir?: string;
  /** PostgreSQL instead of the embedded engine; default DATABASE_URL. */
  databaseUrl?: string | undefined;
  /** memory: servers in this process over in-memory MCP; http: servers on loopback Streamable HTTP with kit tokens. */
  transport: 'memory' | 'http';
  /** Timings of each step, for the start banner. */
  onStep?: (step: string, ms: number) => void;
}

export interface ReferenceStack {
  service: SupportService;
  world: ReferenceWorld;
  db: Database;
  model: string;
  seeded: boolean;
  /** Loopback MCP endpoints (transport http). */
  endpoints: Record<string, string>;
  /** Mints a bearer token accepted by the MCP servers and the API. */
  mintToken: (principal: Parameters<typeof signToken>[1]['principal'], ttlSeconds?: number) => string;
  authenticate: ReturnType<typeof tokenAuthenticator>;
  /** Prometheus metrics of the action layer (one runtime behind every server): GET /metrics on each MCP server (transport http). */
  metrics: ReferenceWorld['runtime']['metrics']['registry'];
  close(): Promise<void>;
}

async function timed<T>(step: string, onStep: StackOptions['onStep'], fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await fn();
  onStep?.(step, performance.now() - started);
  return value;
}

/**
 * The whole product on one machine: a seeded store (τ-bench retail on first start), the four system servers and
 * the knowledge server, the support graph with the configured model and a durable checkpointer, and the service.
 */
export async function openReferenceStack(options: StackOptions): Promise<ReferenceStack> {
  const dataDir = resolve(options.dataDir ?? process.env.COMMERCE_DATA_DIR ?? '.data');
  const env = { ...process.env, COMMERCE_DATA_DIR: dataDir };
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const step = options.onStep;
  if (!databaseUrl) mkdirSync(join(dataDir, 'store'), { recursive: true });
  const db = await timed('open database', step, () => openDatabase({ url: databaseUrl, dataDir: join(dataDir, 'store') }));
  const seeded = await timed('check store', step, async () => {
    await migrateWorld(db, worldSchemas());
    return !(await worldHasData(db, worldSchemas()));
  });
  const world = await timed(seeded ? 'seed τ-bench retail world' : 'open world', step, () =>
    createReferenceWorld({ db, source: seeded ? { kind: 'tau-bench' } : { kind: 'existing' } }),
  );
  const knowledge = await timed('open knowledge index', step, async () => {
    const config = knowledgeConfigFromEnv({ ...env, KNOWLEDGE_DATA_DIR: process.env.KNOWLEDGE_DATA_DIR ?? join(dataDir, 'knowledge') });
    const kb = await KnowledgeBase.open({ store: await openConfiguredStore(config), embeddings: config.embeddings });
    const catalog = await TauBenchCatalog.load();
    try {
      await kb.products.reconcile((await catalog.snapshot()).products);
      await kb.ensurePolicies();
    } catch (error) {
      // First start: nothing indexed yet, so build the index from the catalog (products and policies).
      if (!isCommerceError(error) || error.code !== 'FAILED_PRECONDITION') throw error;
      await kb.ingest(catalog);
    }
    return kb;
  });
  const servers: Record<string, () => McpServer> = {
    ...world.servers,
    knowledge: () => createKnowledgeServer({ runtime: world.runtime, backend: () => knowledge }),
  };
  const secret = loadTokenSecret(env);
  const authenticate = tokenAuthenticator(secret);
  const mintToken: ReferenceStack['mintToken'] = (principal, ttlSeconds = 3600) => signToken(secret, { principal, ttlSeconds });
  const handles: HttpServerHandle[] = [];
  const endpoints: Record<string, string> = {};
  let connector: McpConnector;
  if (options.transport === 'http') {
    await timed('start MCP servers (loopback HTTP)', step, async () => {
      for (const [system, createServer] of Object.entries(servers)) {
        const handle = await serveHttp({ createServer, authenticate, metrics: world.runtime.metrics.registry });
        handles.push(handle);
        endpoints[system] = handle.url;
      }
    });
    connector = httpConnector(
      Object.fromEntries(Object.entries(endpoints).map(([s, url]) => [s, { url }])),
      (principal) => mintToken(principal, 24 * 3600),
    );
  } else {
    connector = inMemoryConnector(servers);
  }
  const modelConfig = modelConfigFromEnv();
  const model = await timed('load model', step, () => createChatModel(modelConfig));
  const checkpointer: BaseCheckpointSaver = await timed('open checkpointer', step, () =>
    openCheckpointer(databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'embedded', db }),
  );
  // Conversation records (who may use each one) live beside the checkpoints, so a restart keeps both.
  const conversations = await timed('open conversation records', step, () => openSqlConversationStore(db));
  const toolboxes = toolboxCache(connector);
  const graph = buildSupportGraph({ model, toolboxes }).compile({ checkpointer });
  // Several processes on one PostgreSQL (API replicas, workers) keep each conversation to one turn at a time.
  const lockDb = databaseUrl ? await openPostgresDatabase(databaseUrl, { max: TURN_LOCK_CONNECTIONS }) : undefined;
  const service = createSupportService({
    graph,
    conversations,
    ...(lockDb ? { locks: postgresConversationLocks(lockDb, { logger: world.runtime.logger }) } : {}),
    approvals: world.runtime.approvals,
    ledger: (conversationId) => world.runtime.ledger.find(db, { conversationId }),
  });
  return {
    service,
    world,
    db,
    model: describeModel(modelConfig),
    seeded,
    endpoints,
    mintToken,
    authenticate,
    metrics: world.runtime.metrics.registry,
    async close() {
      await toolboxes.close();
      for (const h of handles) await h.close();
      await knowledge.close();
      await lockDb?.close();
      await db.close();
    },
  };
}
