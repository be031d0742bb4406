import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/**
 * Makes `client` behave like a client that sends one idempotency key per intended action (as the graph does): a call
 * to a write tool (one the server does not mark read-only) without `idempotency_key` gets a fresh one. A call that
 * names its key — to retry, or to test keys — is sent as it is. For tests and scripts; returns the same client.
 */
export function keyedWrites<C extends Client>(client: C): C {
  let writes: Promise<Set<string>> | undefined;
  const callTool = client.callTool.bind(client);
  client.callTool = (async (params, ...rest) => {
    writes ??= client.listTools().then((listed) => new Set(listed.tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name)));
    const args = params.arguments ?? {};
    const keyed = (await writes).has(params.name) && args.idempotency_key === undefined ? { ...args, idempotency_key: `auto-${randomUUID()}` } : args;
    return callTool({ ...params, arguments: keyed }, ...rest);
  }) as C['callTool'];
  return client;
}
