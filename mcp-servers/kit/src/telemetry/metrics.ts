import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of the action layer, in a registry of its own (one per runtime, so tests and several runtimes
 * in one process never collide). serveHttp exposes it at GET /metrics.
 */
export function createMetrics(options: { pendingApprovals?: () => Promise<number>; approvalsByStatus?: () => Promise<Record<string, number>>; defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const pending = options.pendingApprovals;
  const byStatus = options.approvalsByStatus;
  return {
    registry,
    calls: new Counter({ name: 'commerce_tool_calls_total', help: 'Tool calls by system, tool and outcome (ok, replay, or an error code)', labelNames: ['system', 'tool', 'outcome'], registers }),
    failures: new Counter({ name: 'commerce_tool_failures_total', help: 'Tool calls that ended in an error, by error code', labelNames: ['system', 'tool', 'code'], registers }),
    latency: new Histogram({
      name: 'commerce_tool_duration_seconds', help: 'Tool call latency through the action layer', labelNames: ['system', 'tool', 'kind'], registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    decisions: new Counter({ name: 'commerce_policy_decisions_total', help: 'Policy decisions by action class and outcome (allow, approve, deny, shadow)', labelNames: ['action', 'outcome'], registers }),
    denials: new Counter({ name: 'commerce_policy_denials_total', help: 'Writes the policy refused, by action class', labelNames: ['action'], registers }),
    approvals: new Counter({ name: 'commerce_approvals_total', help: 'Approval requests by transition (requested, approved, rejected, used, expired)', labelNames: ['status'], registers }),
    approvalsPending: new Gauge({
      name: 'commerce_approvals_pending', help: 'Approval requests waiting for an operator (not expired)', registers,
      async collect() {
        if (pending) this.set(await pending());
      },
    }),
    approvalsByStatus: new Gauge({
      name: 'commerce_approvals', help: 'Approval requests by status (pending, approved, rejected, used, expired; past their expiry counts as expired)', labelNames: ['status'], registers,
      async collect() {
        if (!byStatus) return;
        for (const [status, n] of Object.entries(await byStatus())) this.set({ status }, n);
      },
    }),
    compensations: new Counter({ name: 'commerce_compensations_total', help: 'Saga compensations run, by step and outcome (ok, failed)', labelNames: ['saga', 'step', 'outcome'], registers }),
    rollbacks: new Counter({ name: 'commerce_saga_rollbacks_total', help: 'Sagas that failed part-way and were rolled back', labelNames: ['saga'], registers }),
    ledgerAppends: new Counter({
      name: 'commerce_ledger_appends_total',
      help: "Ledger appends by how the chain head was taken: 'guessed' (one statement on the head this process wrote last), 'locked' (a free head locked first), 'stale_guess' (a guess another process had moved: then locked)",
      labelNames: ['path'], registers,
    }),
    admissions: new Counter({
      name: 'commerce_write_admissions_total',
      help: "Write admissions (idempotency key + velocity count) by when they ran ('start': before the handler; 'commit': with the ledger append) and outcome ('claimed', 'replay'; 'over_velocity': admitted at commit over the velocity limit, so run again admitted first; 'stale_head': its guessed ledger head had moved, so run again on a locked head)",
      labelNames: ['at', 'outcome'], registers,
    }),
    sagas: new Counter({ name: 'commerce_sagas_total', help: 'Sagas run, by outcome (committed, rolled_back, compensation_failed)', labelNames: ['saga', 'outcome'], registers }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
