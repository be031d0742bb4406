import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { signToken } from '../identity/token.ts';
import { DATABASE_START_TIMEOUT_MS, dropPrefixedSchemas, sharedPglite, sharedPostgres, testPostgresUrl, uniquePrefix } from '../testing/test-database.ts';
import { httpLimitsFromEnv, parseServerArgs, runServerCli } from './server-cli.ts';

const spec = { name: 'oms', defaultPort: 3101, flags: { seed: ['tau-bench'] } };

describe('parseServerArgs', () => {
  it('defaults to stdio on 127.0.0.1 and the <NAME>_PORT or default port', () => {
    expect(parseServerArgs([], spec, {})).toEqual({ transport: 'stdio', port: 3101, host: '127.0.0.1', flags: { seed: undefined } });
    expect(parseServerArgs([], spec, { OMS_PORT: '4000' }).port).toBe(4000);
    expect(parseServerArgs(['--transport', 'http', '--port', '0', '--host', '0.0.0.0', '--seed', 'tau-bench'], spec, { OMS_PORT: '4000' })).toEqual({
      transport: 'http', port: 0, host: '0.0.0.0', flags: { seed: 'tau-bench' },
    });
  });

  it('refuses bad transports, ports, flag values and unknown flags with what is accepted', () => {
    expect(() => parseServerArgs(['--transport', 'sse'], spec, {})).toThrow('--transport must be "stdio" or "http", got "sse"');
    for (const port of ['abc', '70000', '-1', '1.5']) {
      expect(() => parseServerArgs([`--port=${port}`], spec, {}), port).toThrow(`--port must be a number from 0 to 65535, got "${port}"`);
    }
    expect(() => parseServerArgs([], spec, { OMS_PORT: 'x' })).toThrow('--port must be a number from 0 to 65535, got "x"');
    expect(() => parseServerArgs(['--seed', 'demo'], spec, {})).toThrow('--seed accepts only "tau-bench", got "demo"');
    expect(() => parseServerArgs(['--seed', 'tau-bench'], { name: 'wms', defaultPort: 3102 }, {})).toThrow(/Unknown option '--seed'/);
  });
});

describe('httpLimitsFromEnv', () => {
  it('reads the HTTP limits, leaving unset ones to the defaults, and refuses values that are not positive numbers', () => {
    expect(httpLimitsFromEnv({})).toEqual({ maxBodyBytes: undefined, sessionIdleMs: undefined, maxSessionsPerPrincipal: undefined });
    expect(httpLimitsFromEnv({ COMMERCE_HTTP_MAX_BODY_BYTES: '1048576', COMMERCE_HTTP_SESSION_IDLE_MINUTES: '0.5', COMMERCE_HTTP_MAX_SESSIONS_PER_PRINCIPAL: '8' }))
      .toEqual({ maxBodyBytes: 1_048_576, sessionIdleMs: 30_000, maxSessionsPerPrincipal: 8 });
    expect(() => httpLimitsFromEnv({ COMMERCE_HTTP_MAX_SESSIONS_PER_PRINCIPAL: '2.5' })).toThrow('COMMERCE_HTTP_MAX_SESSIONS_PER_PRINCIPAL must be a whole number above 0, got "2.5"');
    expect(() => httpLimitsFromEnv({ COMMERCE_HTTP_SESSION_IDLE_MINUTES: '-1' })).toThrow('COMMERCE_HTTP_SESSION_IDLE_MINUTES must be a number above 0, got "-1"');
    expect(() => httpLimitsFromEnv({ COMMERCE_HTTP_MAX_BODY_BYTES: 'lots' })).toThrow('COMMERCE_HTTP_MAX_BODY_BYTES must be a whole number above 0, got "lots"');
  });
});

describe('runServerCli over HTTP', () => {
  const prefix = uniquePrefix();
  const secret = 'server-cli-test-secret-that-is-long-enough';
  let db: Database;
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await close?.();
    await dropPrefixedSchemas(db, prefix);
  });

  it('migrates the schema named by <NAME>_SCHEMA, builds the backend on it, and serves MCP with bearer tokens and /metrics', async () => {
    db = await sharedPglite();
    const seen: string[] = [];
    const running = await runServerCli({
      name: 'cli_demo',
      defaultPort: 0,
      argv: ['--transport', 'http'],
      env: { CLI_DEMO_SCHEMA: `${prefix}_demo`, COMMERCE_TOKEN_SECRET: secret, COMMERCE_RATE_LIMIT_REDIS_URL: process.env.TEST_REDIS_URL },
      database: db,
      runtime: { schema: `${prefix}_kit` },
      shutdownOnSignals: false,
      migrations: [{ version: 1, name: 'notes', up: (s) => `CREATE TABLE ${s}.notes (id text PRIMARY KEY)` }],
      backend: async ({ schema, db: q }) => {
        await q.query(`INSERT INTO ${schema}.notes VALUES ('hello')`);
        return { schema };
      },
      createServer: ({ backend }) => {
        seen.push(backend.schema);
        return new McpServer({ name: 'cli-demo', version: '0.0.0' });
      },
    });
    close = () => running.close();
    expect(await db.query(`SELECT id FROM ${prefix}_demo.notes`)).toEqual([{ id: 'hello' }]);

    const metrics = await fetch(new URL('/metrics', running.http!.url));
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP /m);
    const anonymous = await fetch(running.http!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);

    const token = signToken(secret, { principal: { kind: 'service', id: 'svc:cli-test', scopes: ['*'] } });
    const client = new Client({ name: 'cli-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(running.http!.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    expect(client.getServerVersion()?.name).toBe('cli-demo');
    expect(seen).toEqual([`${prefix}_demo`]);
    await client.close();
  }, DATABASE_START_TIMEOUT_MS);
});

describe.skipIf(!testPostgresUrl())('a server process told to stop (SIGTERM)', () => {
  const prefix = uniquePrefix();
  afterAll(async () => dropPrefixedSchemas(await sharedPostgres(), prefix));

  it('stops taking connections, finishes the call in flight, closes its database and exits 0', async () => {
    const secret = 'shutdown-test-secret-that-is-long-enough';
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../testing/slow-demo-server.ts', import.meta.url)), '--transport', 'http', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: testPostgresUrl(), DEMO_SCHEMA: `${prefix}_demo`, DEMO_KIT_SCHEMA: `${prefix}_kit`, COMMERCE_TOKEN_SECRET: secret, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /listening on (\S+)/.exec(stderr);
        if (found) resolve(found[1]!);
      });
      void exited.then((code) => reject(new Error(`the server exited (${code}) before listening: ${stderr}`)));
    });
    const client = new Client({ name: 'shutdown-test', version: '0.0.0' });
    const token = signToken(secret, { principal: { kind: 'service', id: 'svc:shutdown', scopes: ['*'] } });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const call = client.callTool({ name: 'wait', arguments: { ms: 1500 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    expect(await call).toMatchObject({ content: [{ type: 'text', text: 'waited 1500 ms' }] }); // the call in flight finished
    expect(await exited).toBe(0);
    expect(stderr).toContain('demo MCP server: SIGTERM, shutting down (1 call(s) in flight; SIGTERM again to stop at once)');
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow(); // nothing listens any more
    await client.close().catch(() => undefined);
  }, DATABASE_START_TIMEOUT_MS);
});

