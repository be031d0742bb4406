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
 * inverse named by the tool's `compensation` spec — the tools' specs are the registry of inverses.
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
      await o.runtime.invoke({ system: o.system, tool: find(spec.tool), input: spec.args(o.input, output), principal: o.principal, idempotencyKey }, o.backend);
    };
  }
  return step;
}
