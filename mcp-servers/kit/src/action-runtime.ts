import { buildContext, customerAccess, memoryBindingStore, requireScope, type ActionRuntime, type BindingStore, type RuntimeOptions } from './runtime.ts';
import type { Evidence } from './tool.ts';

export interface ActionRuntimeOptions extends RuntimeOptions {
  bindings?: BindingStore;
}

/**
 * The action layer's pipeline for one call:
 *   scope check -> (write) transaction { assess -> customer check -> handler } -> result.
 * Idempotency, policy, approvals, the signed ledger, rate limits and telemetry plug into this pipeline (issue #3).
 */
export function createActionRuntime(options: ActionRuntimeOptions): ActionRuntime {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const bindings = options.bindings ?? memoryBindingStore();
  return {
    db,
    defaultPrincipal: options.defaultPrincipal,
    async invoke(call, backend) {
      const write = call.tool.kind === 'write';
      requireScope(call.principal, `${call.system}:${write ? 'write' : 'read'}`);
      const access = customerAccess(call.principal, bindings);
      const evidence: Evidence[] = [];
      if (!write) {
        const ctx = buildContext(call, db, backend, access, evidence, now);
        return call.tool.handler(call.input, ctx);
      }
      return db.transaction(async (tx) => {
        const ctx = buildContext(call, tx, backend, access, evidence, now);
        const facts = call.tool.assess ? await call.tool.assess(call.input, ctx) : {};
        if (facts.customerId !== undefined) await access.assertCustomer(facts.customerId, `${call.tool.name}: not found`);
        return call.tool.handler(call.input, ctx);
      });
    },
  };
}
