import type { KitRuntime } from '../action-runtime.ts';
import type { Principal } from '../principal.ts';
import type { AnyToolDefinition, BackendFactory } from '../tool.ts';
import type { SagaStep } from './run-saga.ts';

export interface ToolStepOptions<Backend> {
  runtime: KitRuntime;
  system: string;
  /** The server's tools: the step's tool and, by its `compensation.tool` name, its inverse. */
  tools: readonly AnyToolDefinition<Backend>[];
  backend: BackendFactory<Backend>;
  principal: Principal;
  /** Step name; defaults to the tool name. */
  name?: string;
  tool: string;
  input: Record<string, unknown>;
}

/**
 * A saga step that calls a tool through the action layer (policy, idempotency, ledger) and compensates with the
 * inverse named by the tool's `compensation` spec — the tools' specs are the registry of inverses. When the spec's
 * `args` answer null (the call found its effect already in place, e.g. another order's reservation), nothing is
 * undone and the saga records the compensation as skipped. A replay of the step's own key returns the first call's
 * output, which did create the effect, so it is undone.
 */
export function toolStep<Backend>(o: ToolStepOptions<Backend>): SagaStep<Record<string, unknown>> {
  const find = (name: string) => {
    const found = o.tools.find((t) => t.name === name);
    if (!found) throw new Error(`saga step: no tool named ${name} on ${o.system} (known: ${o.tools.map((t) => t.name).join(', ')})`);
    return found;
  };
  const tool = find(o.tool);
  const spec = tool.compensation;
  const step: SagaStep<Record<string, unknown>> = {
    name: o.name ?? o.tool,
    run: ({ idempotencyKey }) => o.runtime.invoke({ system: o.system, tool, input: o.input, principal: o.principal, idempotencyKey }, o.backend),
  };
  if (spec) {
    step.compensate = async (output, { idempotencyKey }) => {
      const input = spec.args(o.input, output);
      if (input === null) return { skipped: `${tool.name} created nothing to undo: its effect was already in place before this saga's call` };
      await o.runtime.invoke({ system: o.system, tool: find(spec.tool), input, principal: o.principal, idempotencyKey }, o.backend);
      return undefined;
    };
  }
  return step;
}
