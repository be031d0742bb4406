/**
 * pnpm start — the whole product on this machine with embedded defaults: seeds the store on first start
 * (τ-bench retail, persisted under .data/), serves the MCP servers on loopback HTTP and the support API, and
 * prints what to do next.
 *   env: API_PORT (default 3000), API_HOST (127.0.0.1), DATABASE_URL, COMMERCE_DATA_DIR, MODEL_PROVIDER, ...
 *   OTEL_EXPORTER_OTLP_ENDPOINT: export the action layer's traces over OTLP/HTTP. Prometheus metrics: GET /metrics.
 */
import { setupTracing } from '@agentic-commerce/kit';
import { serve } from '@hono/node-server';
import { createApi } from '../api/create-api.ts';
import { openReferenceStack } from '../app/reference-stack.ts';

const started = performance.now();
const tracing = setupTracing();
const port = Number(process.env.API_PORT ?? 3000);
const host = process.env.API_HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`API_PORT must be a port number (0-65535), got "${process.env.API_PORT}"`);
  process.exit(2);
}

const steps: string[] = [];
const stack = await openReferenceStack({ transport: 'http', onStep: (step, ms) => steps.push(`  ${step.padEnd(36)} ${(ms / 1000).toFixed(2)} s`) });
const app = createApi(stack.service, stack.authenticate, undefined, { metrics: stack.metrics });
const server = serve({ fetch: app.fetch, port, hostname: host });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const address = server.address();
const api = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;

const service = stack.mintToken({ kind: 'service', id: 'svc:quickstart', scopes: ['*'] }, 7 * 24 * 3600);
const operator = stack.mintToken({ kind: 'operator', id: 'op:quickstart', scopes: ['approvals:resolve'] }, 7 * 24 * 3600);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(`
agentic commerce is up in ${seconds} s ${stack.seeded ? '(first start: store seeded with τ-bench retail)' : '(existing store)'}
${steps.join('\n')}

  model     ${stack.model}
  API       ${api}   (OpenAPI: ${api}/openapi.json)
  metrics   ${api}/metrics   (Prometheus; also GET /metrics on each MCP server)
  traces    ${tracing ? `OTLP/HTTP to ${process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT}` : 'off (set OTEL_EXPORTER_OTLP_ENDPOINT to export them)'}
${Object.entries(stack.endpoints).map(([s, url]) => `  MCP ${s.padEnd(10)}${url}`).join('\n')}

Try it:
  export TOKEN=${service}
  export OPERATOR=${operator}
  curl -s -X POST ${api}/conversations -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{}'
  curl -s -N -X POST ${api}/conversations/<id>/messages -H "authorization: Bearer $TOKEN" -H 'accept: text/event-stream' \\
       -H 'content-type: application/json' -d '{"text":"I want to return an item, my email is noah.brown7922@example.com"}'
  curl -s ${api}/approvals -H "authorization: Bearer $OPERATOR"

Or talk to it in the terminal:  pnpm chat          (as a customer: pnpm chat --customer <user_id>)
Stop with Ctrl-C.`);

const shutdown = async () => {
  server.close();
  await stack.close();
  await tracing?.shutdown(); // exports the spans still buffered
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
