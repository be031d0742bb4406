import { parseArgs } from 'node:util';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createActionRuntime, type ActionRuntimeOptions, type KitRuntime } from '../action-runtime.ts';
import type { Database } from '../db/database.ts';
import { migrate, type Migration } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { keyRetentionDaysFromEnv, startKeyRetention } from '../idempotency/key-retention.ts';
import { principalFromEnv } from '../identity/principal-from-env.ts';
import { rateLimiterFromEnv } from '../identity/redis-rate-limiter.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { createLogger } from '../telemetry/logger.ts';
import { tokenAuthenticator } from '../identity/token.ts';
import { loadTokenSecret } from '../identity/token-secret.ts';
import { setupTracing } from '../telemetry/tracing.ts';
import { serveHttp, type HttpServeOptions, type HttpServerHandle } from './http.ts';
import { serveStdio } from './stdio.ts';
import { commandArgs } from '../cli/command-args.ts';

/** What a server's command line says: `--transport stdio|http [--port N] [--host H]` plus the server's own flags. */
export interface ServerArgs {
  transport: 'stdio' | 'http';
  port: number;
  host: string;
  /** The server's own flags (e.g. `--seed tau-bench`), undefined when not given. */
  flags: Record<string, string | undefined>;
}

export interface ServerArgsSpec {
  /** Upper-cased, the prefix of the server's environment variables: `<NAME>_PORT`, `<NAME>_SCHEMA`, `<NAME>_DATA_DIR`. */
  name: string;
  defaultPort: number;
  /** The server's own string flags and the values each accepts. */
  flags?: Record<string, readonly string[]>;
}

const envName = (name: string, suffix: string) => `${name.toUpperCase()}_${suffix}`;

/** Parses and checks a server's command line (unknown flags are refused); the port defaults to `<NAME>_PORT`. */
export function parseServerArgs(argv: readonly string[], spec: ServerArgsSpec, env: NodeJS.ProcessEnv = process.env): ServerArgs {
  const own = Object.fromEntries(Object.keys(spec.flags ?? {}).map((flag) => [flag, { type: 'string' as const }]));
  const { values: parsed } = parseArgs({
    args: [...argv],
    options: {
      transport: { type: 'string', default: 'stdio' },
      port: { type: 'string', default: env[envName(spec.name, 'PORT')] ?? String(spec.defaultPort) },
      host: { type: 'string', default: '127.0.0.1' },
      ...own,
    },
  });
  const values = parsed as Record<string, string | undefined>;
  const transport = values.transport ?? 'stdio';
  if (transport !== 'stdio' && transport !== 'http') throw new Error(`--transport must be "stdio" or "http", got "${transport}"`);
  const portText = values.port ?? '';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, got "${portText}"`);
  const flags: Record<string, string | undefined> = {};
  for (const [flag, accepted] of Object.entries(spec.flags ?? {})) {
    const value = values[flag];
    if (value !== undefined && !accepted.includes(value)) {
      throw new Error(`--${flag} accepts only ${accepted.map((a) => `"${a}"`).join(', ')}, got "${value}"`);
    }
    flags[flag] = value;
  }
  return { transport, port, host: values.host ?? '127.0.0.1', flags };
}

/**
 * The HTTP transport's limits from COMMERCE_HTTP_MAX_BODY_BYTES, COMMERCE_HTTP_SESSION_IDLE_MINUTES and
 * COMMERCE_HTTP_MAX_SESSIONS_PER_PRINCIPAL (unset: the defaults in http.ts); a value that is not a positive number is refused.
 */
export function httpLimitsFromEnv(env: NodeJS.ProcessEnv): Pick<HttpServeOptions, 'maxBodyBytes' | 'sessionIdleMs' | 'maxSessionsPerPrincipal'> {
  const read = (name: string, integer: boolean) => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const n = Number(text);
    if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`${name} must be a ${integer ? 'whole ' : ''}number above 0, got "${text}"`);
    return n;
  };
  const minutes = read('COMMERCE_HTTP_SESSION_IDLE_MINUTES', false);
  return {
    maxBodyBytes: read('COMMERCE_HTTP_MAX_BODY_BYTES', true),
    sessionIdleMs: minutes === undefined ? undefined : minutes * 60_000,
    maxSessionsPerPrincipal: read('COMMERCE_HTTP_MAX_SESSIONS_PER_PRINCIPAL', true),
  };
}

export interface ServerCliOptions<Backend> extends ServerArgsSpec {
  /** The system's migrations, run on `<NAME>_SCHEMA` (default: the name) before serving; none for a server without a schema. */
  migrations?: readonly Migration[];
  /** Where embedded PGlite keeps the action layer's data when DATABASE_URL is unset; default `<NAME>_DATA_DIR`. */
  dataDirEnv?: string;
  /** The backend the server's tools use, built once the schema is migrated (and e.g. seeded, per `flags`). */
  backend(ctx: { db: Database; schema: string; args: ServerArgs }): Backend | Promise<Backend>;
  createServer(options: { runtime: KitRuntime; backend: Backend }): McpServer;
  /** Defaults: process.argv after the script, process.env, and the database `openDatabase` picks. */
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  database?: Database;
  /** Action-layer options besides the database and the principal (e.g. the kit schema for a test). */
  runtime?: Omit<ActionRuntimeOptions, 'db' | 'defaultPrincipal'>;
  /** On SIGTERM or SIGINT, `close()` and exit 0 (a second signal ends the process at once); default true. */
  shutdownOnSignals?: boolean;
}

export interface RunningServer {
  runtime: KitRuntime;
  /** The HTTP server (undefined over stdio). */
  http: HttpServerHandle | undefined;
  /**
   * Shuts down: stops accepting HTTP connections and lets the calls in flight finish (up to 10 s), closes the shared
   * rate-limit store's connection (if any) and the database this server opened (PGlite writes its files out).
   */
  close(): Promise<void>;
}

/**
 * A server package's runnable entry: parses the command line, opens the database (PostgreSQL when DATABASE_URL is
 * set, else PGlite in `<NAME>_DATA_DIR` or memory), migrates the system's and the kit's schemas, sets up OTLP tracing
 * (when OTEL_EXPORTER_OTLP_ENDPOINT is set), limits calls per principal (shared through Redis when
 * COMMERCE_RATE_LIMIT_REDIS_URL is set, else in this process), then serves over stdio, or Streamable HTTP with bearer tokens and
 * Prometheus metrics at GET /metrics. Bad flags throw before anything is opened.
 */
export async function runServerCli<Backend>(options: ServerCliOptions<Backend>): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const args = parseServerArgs(options.argv ?? commandArgs(), options, env);
  const httpLimits = httpLimitsFromEnv(env); // bad values are refused before anything is opened
  const keyRetentionDays = keyRetentionDaysFromEnv(env);
  const schema = env[envName(options.name, 'SCHEMA')] ?? options.name;
  const db = options.database ?? (await openDatabase({ dataDir: env[options.dataDirEnv ?? envName(options.name, 'DATA_DIR')] }));
  if (options.migrations) await migrate(db, schema, options.migrations);
  const backend = await options.backend({ db, schema, args });
  setupTracing(env);
  const policy = options.runtime?.policy ?? loadPolicy();
  const logger = options.runtime?.logger ?? createLogger();
  const rateLimiter = options.runtime?.rateLimiter ?? rateLimiterFromEnv(policy.file.rate_limits, env, logger);
  const runtime = createActionRuntime({ ...options.runtime, db, policy, logger, rateLimiter, defaultPrincipal: principalFromEnv(env) });
  // Migrate the kit schema (ledger, approvals, idempotency) before serving, so /metrics can count approvals at once.
  await runtime.ready();
  const retention = startKeyRetention(runtime, keyRetentionDays, logger);
  const create = () => options.createServer({ runtime, backend });
  let http: HttpServerHandle | undefined;
  if (args.transport === 'stdio') {
    await serveStdio(create());
  } else {
    http = await serveHttp({
      createServer: create, authenticate: tokenAuthenticator(loadTokenSecret(env)), host: args.host, port: args.port, metrics: runtime.metrics.registry,
      ...httpLimits,
    });
    process.stderr.write(`${options.name} MCP server listening on ${http.url}\n`);
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await http?.close();
      await retention.stop();
      await rateLimiter.close?.();
      if (!options.database) await db.close();
    })());
  if (options.shutdownOnSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`${options.name} MCP server: ${signal}, shutting down (${http?.inFlight() ?? 0} call(s) in flight; ${signal} again to stop at once)\n`);
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${options.name} MCP server: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { runtime, http, close };
}
