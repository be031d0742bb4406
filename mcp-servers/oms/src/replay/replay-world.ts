import { randomBytes } from 'node:crypto';
import { createActionRuntime, createLogger, migrate, serveHttp, signToken, tokenAuthenticator, type Database, type HttpServerHandle, type Principal } from '@agentic-commerce/kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { importTauBench, type TauState } from '../import/tau-bench.ts';
import { createOmsServer } from '../server.ts';
import { omsMigrations } from '../store/migrations.ts';
import type { ChangedRecordIds, OmsBackend } from '../store/oms-backend.ts';
import { sqlOmsBackend } from '../store/sql-oms-backend.ts';
import { copyOmsSchema, restoreOmsRecords } from '../store/sql-oms-snapshot.ts';

/** The replay's caller: a backend job with every OMS scope. */
export const REPLAY_PRINCIPAL: Principal = { kind: 'service', id: 'service:taubench-replay', scopes: ['oms:*'] };

/**
 * A τ-bench OMS behind a real Streamable HTTP server on 127.0.0.1 (full action layer, bearer token), plus a
 * template schema holding the initial data so each task starts from a fresh world by restoring only what the
 * previous task changed.
 */
export interface ReplayWorld {
  client: Client;
  /** The served OMS, for reading the state after a task. */
  backend: OmsBackend;
  url: string;
  /** Puts every record changed since the last reset back to the initial data (`changed`: when already known). */
  reset(changed?: ChangedRecordIds): Promise<void>;
  close(): Promise<void>;
}

export async function openReplayWorld(db: Database, prefix: string, data: TauState): Promise<ReplayWorld> {
  const template = `${prefix}_oms_template`;
  const schema = `${prefix}_oms`;
  await migrate(db, template, omsMigrations);
  await migrate(db, schema, omsMigrations);
  await db.transaction(async (tx) => {
    await importTauBench(sqlOmsBackend(template)(tx), data);
    await copyOmsSchema(tx, template, schema);
  });
  const backend = sqlOmsBackend(schema);
  const runtime = createActionRuntime({ db, schema: `${prefix}_kit`, logger: createLogger({ level: 'warn' }) });
  const secret = randomBytes(32).toString('hex');
  const http: HttpServerHandle = await serveHttp({
    createServer: () => createOmsServer({ runtime, backend }),
    authenticate: tokenAuthenticator(secret),
  });
  const token = signToken(secret, { principal: REPLAY_PRINCIPAL, ttlSeconds: 24 * 3600 });
  const client = new Client({ name: 'taubench-replay', version: '0.1.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  const served = backend(db);
  return {
    client,
    backend: served,
    url: http.url,
    async reset(known) {
      const changed = known ?? (await served.changedRecordIds());
      if (changed.users.length + changed.orders.length + changed.products.length === 0) return;
      await db.transaction((tx) => restoreOmsRecords(tx, schema, template, changed));
    },
    async close() {
      await client.close();
      await http.close();
    },
  };
}
