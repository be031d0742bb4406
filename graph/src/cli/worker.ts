/**
 * Graph turn worker: runs turns that backend systems submit to the BullMQ queue "graph-turns" (see worker/turn-jobs.ts).
 *   env: REDIS_URL (required, e.g. redis://127.0.0.1:6379), WORKER_CONCURRENCY (default 4), DATABASE_URL (needed to run
 *   several workers: they share conversations through the PostgreSQL checkpointer), MODEL_PROVIDER, ...
 *   MCP_ENDPOINTS / MCP_STDIO: use MCP servers that run elsewhere (see mcp/connector-from-env.ts) instead of the
 *   reference world in this process. OTEL_EXPORTER_OTLP_ENDPOINT: export the action layer's traces over OTLP/HTTP.
 * Scale by starting more workers.
 */
import { setupTracing } from '@agentic-commerce/kit';
import { signToken } from '@agentic-commerce/kit/identity/token';
import { loadTokenSecret } from '@agentic-commerce/kit/identity/token-secret';
import { openExternalService } from '../app/external-service.ts';
import { openReferenceStack } from '../app/reference-stack.ts';
import { connectorFromEnv } from '../mcp/connector-from-env.ts';
import { createTurnWorker } from '../worker/turn-worker.ts';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl || !/^rediss?:\/\//.test(redisUrl)) {
  console.error(`REDIS_URL must be a redis:// URL (e.g. redis://127.0.0.1:6379), got "${redisUrl ?? ''}"`);
  process.exit(2);
}
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`WORKER_CONCURRENCY must be a positive integer, got "${process.env.WORKER_CONCURRENCY}"`);
  process.exit(2);
}
if (!process.env.DATABASE_URL) console.warn('DATABASE_URL is not set: this worker keeps conversations in its own embedded store; run only one.');

const tracing = setupTracing();
const url = new URL(redisUrl);
const connection = {
  host: url.hostname,
  port: Number(url.port || 6379),
  db: Number(url.pathname.slice(1) || 0),
  ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
  ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  maxRetriesPerRequest: null,
};
const dataDir = process.env.COMMERCE_DATA_DIR ?? '.data/worker';
// External servers (MCP_ENDPOINTS / MCP_STDIO) when configured, else the reference world in this process.
const secret = process.env.MCP_ENDPOINTS ? loadTokenSecret() : undefined;
const external = connectorFromEnv(process.env, (principal) => signToken(secret ?? '', { principal, ttlSeconds: 24 * 3600 }));
const stack = external
  ? await openExternalService(external, { dataDir, databaseUrl: process.env.DATABASE_URL })
  : await openReferenceStack({ transport: 'memory', dataDir });
const worker = createTurnWorker({ service: stack.service, connection, concurrency });
worker.on('completed', (job, result) => console.log(`job ${job.id} done: ${result.conversationId} awaiting ${result.awaiting}`));
worker.on('failed', (job, error) => console.error(`job ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));
console.log(`graph worker on ${url.host} (queue graph-turns, concurrency ${concurrency}, model ${stack.model})`);

const shutdown = async () => {
  await worker.close();
  await stack.close();
  await tracing?.shutdown(); // exports the spans still buffered
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
