import { pruneFinishedSagas } from './saga/saga-retention.ts';
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { createApprovals, type Approvals } from './approvals/approvals.ts';
import { migrate } from './db/migrate.ts';
import { isCommerceError } from './errors.ts';
import { idempotencyStore } from './idempotency/idempotency-store.ts';
import { createRateLimiter, type RateLimiter } from './identity/rate-limiter.ts';
import { sqlBindingStore } from './identity/sql-binding-store.ts';
import { kitMigrations } from './kit-migrations.ts';
import type { KitServices } from './kit-services.ts';
import { createLedger, type Ledger } from './ledger/ledger.ts';
import { loadLedgerSigner, type LedgerSigner } from './ledger/ledger-keys.ts';
import { loadPolicy, type Policy } from './policy/load-policy.ts';
import { buildContext, customerAccess, requireCaller, requireScope, type ActionRuntime, type BindingStore, type RuntimeOptions } from './runtime.ts';
import { createLogger } from './telemetry/logger.ts';
import { createMetrics, type Metrics } from './telemetry/metrics.ts';
import { defaultTracer } from './telemetry/tracing.ts';
import type { Evidence } from './tool.ts';
import { runWrite } from './write-pipeline.ts';
import { connectionLost, lostConnectionError } from './write-failures.ts';

export interface ActionRuntimeOptions extends RuntimeOptions {
  /** Conversation bindings; default: durable, in the kit schema's conversation_bindings table. */
  bindings?: BindingStore;
  /** The kit's schema (ledger, approvals, idempotency, bindings); default "kit". Migrated on first use. */
  schema?: string;
  /** Default: loadPolicy() — COMMERCE_POLICY_FILE, else mcp-servers/kit/policy/default-policy.yaml. */
  policy?: Policy;
  /** Default: loadLedgerSigner() — COMMERCE_LEDGER_SIGNING_KEY(_FILE), else a development key under .data/. */
  signer?: LedgerSigner;
  metrics?: Metrics;
  /** Default: in-process token buckets sized by the policy's rate_limits (shared ones: createRedisRateLimiter). */
  rateLimiter?: RateLimiter;
  tracer?: Tracer;
  logger?: Logger;
}

/** The runtime createActionRuntime returns: the ActionRuntime contract plus the action layer's parts. */
export interface KitRuntime extends ActionRuntime {
  readonly schema: string;
  readonly policy: Policy;
  readonly ledger: Ledger;
  readonly approvals: Approvals;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Resolves once the kit schema is migrated (every call awaits it). */
  ready(): Promise<void>;
  /** Forgets idempotency keys created before `before` (a retry with such a key runs again); answers how many. */
  pruneIdempotencyKeys(before: Date): Promise<number>;
  /** Forgets sagas that ended (committed or rolled back) before `before`, with their steps; answers how many. */
  pruneFinishedSagas(before: Date): Promise<number>;
}

/**
 * The action layer's pipeline for one call, binding in the server:
 *   rate limit -> scope -> read: handler | write: transaction { idempotency -> assess -> customer scope -> policy ->
 *   approval -> handler -> idempotency result + signed ledger } -> metrics, span, log.
 */
export function createActionRuntime(options: ActionRuntimeOptions): KitRuntime {
  const { db } = options;
  const schema = options.schema ?? 'kit';
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? loadPolicy();
  const logger = options.logger ?? createLogger();
  const tracer = options.tracer ?? defaultTracer();
  let approvals: Approvals | undefined;
  const metrics = options.metrics ?? createMetrics({
    pendingApprovals: () => (approvals ? approvals.countPending() : Promise.resolve(0)),
    approvalsByStatus: () => (approvals ? approvals.countByStatus() : Promise.resolve({})),
  });
  const ledger = createLedger(schema, options.signer ?? loadLedgerSigner(), { onAppend: (path) => metrics.ledgerAppends.inc({ path }) });
  approvals = createApprovals({ db, schema, ledger, now, onChange: (status) => metrics.approvals.inc({ status }) });
  const k: KitServices = {
    db, schema, policy, ledger, approvals, metrics, tracer, logger, now,
    idempotency: idempotencyStore(schema),
    rateLimiter: options.rateLimiter ?? createRateLimiter(policy.file.rate_limits),
    bindings: options.bindings ? () => options.bindings! : (q) => sqlBindingStore(q, schema, now),
    legacyKeys: { present: false },
  };
  let migrated: Promise<void> | undefined;
  const ready = () => {
    migrated ??= migrate(db, schema, kitMigrations).then(
      async () => void (k.legacyKeys.present = await k.idempotency.hasLegacyKeys(db)),
      (error: unknown) => {
        migrated = undefined;
        throw error;
      },
    );
    return migrated;
  };
  return {
    db, schema, policy, ledger, approvals, metrics, logger, now, ready,
    defaultPrincipal: options.defaultPrincipal,
    async pruneIdempotencyKeys(before) {
      await ready();
      const removed = await k.idempotency.prune(db, before);
      if (k.legacyKeys.present) k.legacyKeys.present = await k.idempotency.hasLegacyKeys(db);
      return removed;
    },
    async pruneFinishedSagas(before) {
      await ready();
      return pruneFinishedSagas(db, schema, before);
    },
    async invoke(call, backend) {
      const write = call.tool.kind === 'write';
      const labels = { system: call.system, tool: call.tool.name };
      const started = performance.now();
      return tracer.startActiveSpan(`tool ${call.system}.${call.tool.name}`, async (span) => {
        span.setAttributes({ 'commerce.system': call.system, 'commerce.tool': call.tool.name, 'commerce.tool.kind': call.tool.kind, 'commerce.principal.kind': call.principal.kind });
        let outcome = 'ok';
        let decision: string | undefined;
        try {
          await k.rateLimiter.take(call.principal);
          requireScope(call.principal, `${call.system}:${write ? 'write' : 'read'}`);
          requireCaller(call.principal, call.tool);
          await ready();
          if (!write) {
            const ctx = buildContext(call, db, backend, customerAccess(call.principal, k.bindings(db)), [] as Evidence[], now);
            try {
              return await call.tool.handler(call.input, ctx);
            } catch (error) {
              if (isCommerceError(error) || !connectionLost(error)) throw error;
              throw lostConnectionError('read', false, error);
            }
          }
          const result = await runWrite(k, call, backend);
          decision = result.decision?.outcome;
          if (result.decision) metrics.decisions.inc({ action: result.decision.action, outcome: result.decision.outcome });
          if (result.replayed) outcome = 'replay';
          return result.output;
        } catch (error) {
          outcome = isCommerceError(error) ? error.code : 'INTERNAL';
          const details = isCommerceError(error) ? (error.details?.decision as { outcome?: string; action?: string } | undefined) : undefined;
          decision = details?.outcome;
          if (details?.outcome && details.action) metrics.decisions.inc({ action: details.action, outcome: details.outcome });
          if (details?.outcome === 'deny' && details.action) metrics.denials.inc({ action: details.action });
          metrics.failures.inc({ ...labels, code: outcome });
          span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          if (outcome === 'INTERNAL') logger.error({ err: error, ...labels }, 'tool call failed with an internal error');
          throw error;
        } finally {
          const seconds = (performance.now() - started) / 1000;
          metrics.calls.inc({ ...labels, outcome });
          metrics.latency.observe({ ...labels, kind: call.tool.kind }, seconds);
          span.setAttributes({ 'commerce.outcome': outcome, 'commerce.duration_ms': seconds * 1000, ...(decision ? { 'commerce.decision': decision } : {}) });
          span.end();
          logger.info({ ...labels, principal: { kind: call.principal.kind, id: call.principal.id }, decision, outcome, ms: Math.round(seconds * 1e4) / 10 }, 'tool call');
        }
      });
    },
  };
}
