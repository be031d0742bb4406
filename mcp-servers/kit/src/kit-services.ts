import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Approvals } from './approvals/approvals.ts';
import type { Database, Queryable } from './db/database.ts';
import type { IdempotencyStore } from './idempotency/idempotency-store.ts';
import type { RateLimiter } from './identity/rate-limiter.ts';
import type { Ledger } from './ledger/ledger.ts';
import type { Policy } from './policy/load-policy.ts';
import type { BindingStore } from './runtime.ts';
import type { Metrics } from './telemetry/metrics.ts';

/** The parts of the action layer one runtime wires together; the pipelines receive them. */
export interface KitServices {
  db: Database;
  /** The kit's own schema ("kit" by default; namespaced in worlds and tests). */
  schema: string;
  policy: Policy;
  ledger: Ledger;
  approvals: Approvals;
  idempotency: IdempotencyStore;
  rateLimiter: RateLimiter;
  /** Conversation bindings seen through the call's query handle (the transaction for writes). */
  bindings: (q: Queryable) => BindingStore;
  metrics: Metrics;
  tracer: Tracer;
  logger: Logger;
  now: () => Date;
  /** Whether keys stored under the old scope remain (checked when the schema is ready and after each prune). */
  legacyKeys: { present: boolean };
}
