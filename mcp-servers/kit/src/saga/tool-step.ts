import type { KitRuntime } from '../action-runtime.ts';
import type { Principal } from '../principal.ts';
import { inverseOf, type AnyToolDefinition, type BackendFactory } from '../tool.ts';
import type { NothingToUndo, SagaStep } from './run-saga.ts';

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
 * output, which did create the effect, so it is undone. The step's call and its inverse are also kept as data
 * (`recovery`), so that recoverSagas can undo it after the process that ran the saga is gone.
 */
export function toolStep<Backend>(o: ToolStepOptions<Backend>): SagaStep<Record<string, unknown>> {
  const find = (name: string) => {
    const found = o.tools.find((t) => t.name === name);
    if (!found) throw new Error(`saga step: no tool named ${name} on ${o.system} (known: ${o.tools.map((t) => t.name).join(', ')})`);
    return found;
  };
  const tool = find(o.tool);
  const spec = inverseOf(tool);
  const step: SagaStep<Record<string, unknown>> = {
    name: o.name ?? o.tool,
    run: ({ idempotencyKey }) => o.runtime.invoke({ system: o.system, tool, input: o.input, principal: o.principal, idempotencyKey }, o.backend),
  };
  if (tool.compensation && 'none' in tool.compensation) {
    step.irreversible = `${tool.name}: ${tool.compensation.none}`;
    // Kept so that a recovery can tell whether this last step committed (then the saga is done, not rolled back).
    step.recovery = { call: { system: o.system, tool: tool.name, input: o.input, principal: o.principal }, undo: () => ({ skipped: step.irreversible! }) };
  }
  if (spec) {
    const inverse = find(spec.tool);
    const undo = (output: Record<string, unknown>): NothingToUndo | { input: Record<string, unknown> } => {
      const input = spec.args(o.input, output);
      return input === null ? { skipped: `${tool.name} created nothing to undo: its effect was already in place before this saga's call` } : { input };
    };
    step.compensate = async (output, { idempotencyKey }) => {
      const u = undo(output);
      if ('skipped' in u) return u;
      await o.runtime.invoke({ system: o.system, tool: inverse, input: u.input, principal: o.principal, idempotencyKey }, o.backend);
      return undefined;
    };
    // The same call as data, for recoverSagas after a restart (it gets these tools and backend as this system's).
    step.recovery = {
      call: { system: o.system, tool: tool.name, input: o.input, principal: o.principal },
      undo: (output) => {
        const u = undo(output);
        return 'skipped' in u ? u : { system: o.system, tool: inverse.name, input: u.input, principal: o.principal };
      },
    };
  }
  return step;
}
